-- When the daily purge deleted the import's error report (quitto.imports.error-report-retention after it finished).
-- The counts stay; the import resource shows this instant so an empty report is not mistaken for a clean file.
alter table platform_import add column error_report_purged_at timestamptz;
