-- How complete the deliveries are: delivered figures in force per gemeente and year (counts of
-- figures, no values).
select
    w.gemeente_code,
    g.gemeente_naam,
    g.groep,
    w.jaar,
    count(*) as cijfers
from waarnemingen as w
join gemeenten as g using (gemeente_code)
where w.herkomst = 'levering'
group by all
order by g.gemeente_naam, w.jaar
