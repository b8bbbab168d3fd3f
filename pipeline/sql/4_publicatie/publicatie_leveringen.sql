-- The deliveries as `/datakwaliteit` shows them: which file, when, accepted or refused and why,
-- how many rows went where. No delivered value is here.
select
    l.bestand,
    l.gemeente_code,
    g.gemeente_naam,
    l.leverdatum,
    l.label,
    l.status,
    l.reden,
    l.kolom,
    l.rijen,
    l.rijen_quarantaine,
    l.rijen_in_gebruik,
    l.rijen_vervangen,
    l.formaat
from leveringen as l
left join gemeenten as g using (gemeente_code)
order by l.gemeente_code, l.leverdatum, l.bestand
