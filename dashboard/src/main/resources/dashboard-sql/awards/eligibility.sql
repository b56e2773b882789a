-- Grain: one row, commissioner $1 in year $2 of award_eligibility (each rule of Art. 5 and the
-- award rules: its value, its minimum and whether it is met — the mart's), with the names.
select e.*, c.name, d.name_zh as district_name_zh, d.name_en as district_name_en
from award_eligibility as e
join commissioners as c on c.commissioner_id = e.commissioner_id
left join districts as d on d.district_code = e.district_code
where e.commissioner_id = $1 and e.year = $2
