-- Grain: one row per column of every table (view) of the live snapshot, in table order, then in
-- the column order of the table. No parameters. The console's schema browser; descriptions come
-- from descriptions.properties next to this file.
with columns as (
  select table_name, column_name, data_type, ordinal_position
  from information_schema.columns
  where table_schema = 'main'
)
select table_name, column_name, data_type
from columns
order by table_name, ordinal_position
