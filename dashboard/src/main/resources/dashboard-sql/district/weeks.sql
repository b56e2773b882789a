-- Grain: one row per week (Monday to Sunday) of the quarter $1 (text like 2025Q3): the weeks of
-- calendar_weeks, whose Thursday falls in the quarter, with their working days and whether they
-- had ended by the snapshot's as-of date. A week requires on-site duty (Art. 6,
-- 每周不少于1个工作日) only if it has a working day and had ended (onsite_weeks.required).
select week_start, week_end, working_days, working_days > 0 as has_working_day, ended
from calendar_weeks
where quarter = $1
order by week_start
