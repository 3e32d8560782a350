-- Households (8050): which household a case counts as one of, for signal detection (case plane), and the
-- household a signal was counted as, where its definition counts households rather than persons.
CREATE TABLE detection_case_household (
    case_id      VARCHAR(64) PRIMARY KEY,
    household_id VARCHAR(64) NOT NULL
);

ALTER TABLE detection_signal ADD COLUMN household VARCHAR(64);
ALTER TABLE analytics_signal ADD COLUMN household VARCHAR(64);

-- The case timeline (case plane) shows the household a case counts as one of, and each event's age band.
ALTER TABLE case_file ADD COLUMN household_id VARCHAR(64);
CREATE INDEX case_file_household_idx ON case_file (household_id) WHERE household_id IS NOT NULL;
ALTER TABLE case_timeline_entry ADD COLUMN age_band VARCHAR(8);
