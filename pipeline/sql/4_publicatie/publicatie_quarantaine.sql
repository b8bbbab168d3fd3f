-- Quarantined rows as `/datakwaliteit` shows them: file, row, column and the rule. The reason
-- text stays in `quarantaine` (a municipality reads it with `python -m pipeline check`): it may
-- describe the delivered figures of a small roma cell.
select
    q.bestand,
    q.gemeente_code,
    g.gemeente_naam,
    q.rij,
    q.kolom,
    q.regel,
    q.meldingen
from quarantaine as q
left join gemeenten as g using (gemeente_code)
order by q.bestand, q.rij
