-- The job runner (docs/ARCHITECTURE.md, "Job queue"): a job names its kind, which the
-- runner looks up in its registry; done jobs are kept for a while and then removed, dead
-- ones until an operator retries or removes them.

ALTER TABLE jobs ADD COLUMN name TEXT NOT NULL DEFAULT '';

-- Removing done jobs past their retention, oldest first.
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state = 'done';
-- What operators list: everything not done, by state and due time.
CREATE INDEX jobs_open ON jobs (state, run_at, id) WHERE state <> 'done';
-- Work queued once per key (a period's maintenance) looks for the key in any state.
CREATE INDEX jobs_keys ON jobs (queue, dedupe_key) WHERE dedupe_key IS NOT NULL;
