-- Test only: one row per execution of a test job, with the instance that ran it (no key, so a double run shows).
create table test_job_execution (
    run_id      text        not null,
    job_id      text        not null,
    instance    text        not null,
    executed_at timestamptz not null
);
create index test_job_execution_run on test_job_execution (run_id, job_id);
