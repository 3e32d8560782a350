-- Households (8050): which household a case counts as one of, for signal detection (case plane), and the
-- household a signal was counted as, where its definition counts households rather than persons.
CREATE TABLE detection_case_household (
    case_id      VARCHAR(64) PRIMARY KEY,
    household_id VARCHAR(64) NOT NULL
);

ALTER TABLE detection_signal ADD COLUMN household VARCHAR(64);
ALTER TABLE analytics_signal ADD COLUMN household VARCHAR(64);
