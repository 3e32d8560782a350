-- Signals are recorded events now (SignalEvent$SignalObserved, SignalEvent$AbsenceSignalFired), appended by the
-- write side's signal detection with its case memory (the detection_ tables). The read side keeps the recorded
-- signals and no longer finds them again, so its own case memory goes; a signal is one event, so the order
-- within an event goes too.
DROP TABLE analytics_signal_clock;
DROP TABLE analytics_signal_case_fact;
DROP TABLE analytics_signal_absence;

DROP INDEX analytics_signal_order_idx;
ALTER TABLE analytics_signal DROP COLUMN ordinal;
CREATE INDEX analytics_signal_order_idx ON analytics_signal (log_index, signal_id);

COMMENT ON TABLE analytics_signal IS 'The recorded signal events, for what-if replays, in log order; case plane.';
