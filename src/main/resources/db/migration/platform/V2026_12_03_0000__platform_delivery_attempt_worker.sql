-- Which instance made each attempt: the lease owner at the time (a host, process id and suffix, or
-- quitto.delivery.worker.instance-id). Operators read it when two instances share the work.
alter table platform_delivery_attempt add column worker varchar(200);
