-- Inventory thresholds per pool (one credential type), changed by PKI ops and audited.
-- A pool without a row uses the defaults in code (inventory-monitor's Thresholds.DEFAULTS, see
-- docs/decisions/008-inventory-alerts.md). A level is breached when ANY of its non-null criteria
-- is: available count at or below *_available, available at or below *_percent of loaded
-- (available + bound), or days of runway at or below *_runway_days.
create table pool_threshold (
    credential_type_id      integer  primary key references credential_type,
    warning_available       integer  check (warning_available >= 0),
    warning_percent         integer  check (warning_percent between 0 and 100),
    warning_runway_days     integer  check (warning_runway_days >= 0),
    critical_available      integer  check (critical_available >= 0),
    critical_percent        integer  check (critical_percent between 0 and 100),
    critical_runway_days    integer  check (critical_runway_days >= 0),
    -- How long the key generation facility needs for a new batch: runway below it raises a RUNWAY alert.
    lead_time_days          integer  not null check (lead_time_days >= 0),
    -- Hysteresis: to move back to a better level the pool must exceed the threshold by this much.
    recovery_margin_percent integer  not null check (recovery_margin_percent between 0 and 1000),
    -- How long a worse level must hold before it alerts (EMPTY alerts at once).
    pending_period_seconds  integer  not null check (pending_period_seconds >= 0),
    updated_by              text     not null,
    updated_at              timestamptz not null,
    -- Optimistic locking: two PKI operators editing the same pool cannot silently overwrite each other.
    version                 bigint   not null default 0
);
