-- One row per rejected delivery row: the first broken rule names the column, the reason lists
-- every broken rule in schema order.
with meldingen as (
    select levering_id, rij, volgorde, kolom, regel, reden from int_meldingen
    union all
    select levering_id, rij, volgorde, kolom, regel, reden from int_conflicten
    union all
    select levering_id, rij, volgorde, kolom, regel, reden from int_roma_meldingen
),

final as (
    select
        levering_id,
        rij,
        arg_min(kolom, volgorde) as kolom,
        arg_min(regel, volgorde) as regel,
        string_agg(reden, '; ' order by volgorde) as reden,
        count(*) as meldingen
    from meldingen
    group by levering_id, rij
)

select * from final
