-- Delivery rows that broke no rule, with their value computed and their place in time: the
-- delivery with the later date supersedes an earlier one for the same key (rang 1 is in force;
-- on equal dates with equal figures, the later file name wins).
with geldig as (
    select r.*
    from int_leveringrijen as r
    anti join int_quarantaine as q using (levering_id, rij)
),

berekend as (
    select
        levering_id,
        rij,
        leverdatum,
        gemeente_code,
        periode,
        jaar,
        indicator,
        doelgroep,
        cast(teller as bigint) as teller,
        case when ind_is_rate then cast(noemer as bigint) end as noemer,
        case
            when ind_is_rate then teller / noemer * ind_vermenigvuldiger
            else teller
        end as waarde,
        bron,
        peildatum,
        opmerking
    from geldig
),

final as (
    select
        *,
        row_number() over nieuwste as rang,
        lag(levering_id) over nieuwste as vervangen_door_levering_id
    from berekend
    window nieuwste as (
        partition by gemeente_code, periode, indicator, doelgroep
        order by leverdatum desc, levering_id desc
    )
)

select * from final
