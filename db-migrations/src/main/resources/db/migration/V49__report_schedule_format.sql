-- Scheduled reports as CSV as well as Excel (decision 028): the file a schedule's runs attach.
-- Existing schedules keep the Excel workbook they have sent so far.
alter table report_schedule
    add column format text not null default 'xlsx' check (format in ('xlsx', 'csv'));
