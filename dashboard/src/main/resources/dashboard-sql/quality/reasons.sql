-- Grain: one row per distinct reason_code in quarantine (all scopes): with the codes the
-- ingestion defines, the codes a reason filter accepts.
select distinct reason_code from quarantine where reason_code is not null order by reason_code
