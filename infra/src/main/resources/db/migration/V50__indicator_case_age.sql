-- Read side, indicator projection: the age band each case was opened with (ten-year bands, never a date
-- of birth), so that long-stay inpatients can be counted under 65 and 65 and over where the band tells.
CREATE TABLE indicator_case_age (
    case_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    age_band  VARCHAR(8)
);
