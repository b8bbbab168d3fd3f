-- Per key the delivered row in force: of the valid rows that are not in conflict and do not break
-- roma ≤ totaal, the one of the
-- latest delivery (`volgorde`). One aggregation, no sort of the rows.
with kandidaten as (
    select r.*
    from int_rijen_geldig as r
    anti join int_conflicten as c using (levering_id, rij)
    anti join int_roma_meldingen as m using (levering_id, rij)
),

final as (
    select
        gemeente_code,
        periode,
        indicator,
        doelgroep,
        arg_max(struct_pack(levering_id := levering_id, rij := rij), volgorde) as rijnummer,
        count(*) as leveringen
    from kandidaten
    group by gemeente_code, periode, indicator, doelgroep
)

select
    gemeente_code,
    periode,
    indicator,
    doelgroep,
    rijnummer.levering_id as levering_id,
    rijnummer.rij as rij,
    leveringen
from final
