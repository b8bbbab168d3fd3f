-- One row per delivery file: accepted or refused (with the reason), and what became of its rows.
with geldig as (
    select levering_id, count(*) as geldig from int_rijen_geldig group by levering_id
),

in_gebruik as (
    select levering_id, count(*) as in_gebruik from int_in_gebruik group by levering_id
),

rijen_in_gebruik as (
    select levering_id, coalesce(i.in_gebruik, 0) as in_gebruik,
        g.geldig - coalesce(i.in_gebruik, 0) - coalesce(c.conflict, 0) as vervangen
    from geldig as g
    left join in_gebruik as i using (levering_id)
    left join (select levering_id, count(*) as conflict from int_conflicten group by 1) as c using (levering_id)
),

rijen_apart as (
    select levering_id, count(*) as quarantaine from int_quarantaine group by levering_id
),

final as (
    select
        b.levering_id,
        b.bestand,
        b.map_code as gemeente_code,
        b.leverdatum,
        b.label,
        b.sha256,
        b.status,
        b.reden,
        b.reden_kolom as kolom,
        b.rijen,
        coalesce(q.quarantaine, 0) as rijen_quarantaine,
        coalesce(g.in_gebruik, 0) as rijen_in_gebruik,
        coalesce(g.vervangen, 0) as rijen_vervangen,
        b.formaat,
        b.codering,
        b.scheidingsteken,
        b.kopregel,
        b.grootte
    from stg_bestanden as b
    left join rijen_in_gebruik as g using (levering_id)
    left join rijen_apart as q using (levering_id)
    order by b.bestand
)

select * from final
