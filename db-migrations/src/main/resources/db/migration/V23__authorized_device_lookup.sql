-- Device search answers "not found, but on the authorized list of ..." by device ID alone; the
-- primary key starts with the operator and the type, so it cannot serve that look-up.
create index authorized_device_device_idx on authorized_device (device_id);
