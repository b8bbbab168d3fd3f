-- Every delivered `roma` row that could be in force, beside the `totaal` figure it must stay
-- within (schemas.roma_binnen_totaal): the totaal row of the same delivery where that delivery
-- has one, otherwise the totaal figure in force (the latest valid delivery, or CBS). Rows without
-- a totaal to compare with are not here. A view, read by validate.py.
with kandidaten as (
    select r.*
    from int_rijen_geldig as r
    anti join int_conflicten as c using (levering_id, rij)
),

roma as (
    select * from kandidaten where doelgroep = 'roma'
),

totaal_geleverd as (
    select * from kandidaten where doelgroep = 'totaal'
),

totaal_in_gebruik as (
    select
        gemeente_code,
        periode,
        indicator,
        arg_max(struct_pack(teller := teller, noemer := noemer, leverdatum := leverdatum), volgorde) as t
    from totaal_geleverd
    group by gemeente_code, periode, indicator
    union all by name
    select
        gemeente_code,
        periode,
        indicator,
        struct_pack(teller := teller, noemer := noemer, leverdatum := cast(null as date)) as t
    from int_cbs_woninginbraak
),

final as (
    select
        r.levering_id,
        r.rij,
        r.doelgroep,
        r.teller,
        r.noemer,
        coalesce(z.teller, g.t.teller) as totaal_teller,
        coalesce(z.noemer, g.t.noemer) as totaal_noemer,
        case
            when z.levering_id is not null then 'in dezelfde levering'
            when g.t.leverdatum is null then 'van het CBS'
            else 'in de levering van ' || strftime(g.t.leverdatum, '%d-%m-%Y')
        end as totaal_herkomst
    from roma as r
    left join totaal_geleverd as z
        on z.levering_id = r.levering_id and z.gemeente_code = r.gemeente_code
        and z.periode = r.periode and z.indicator = r.indicator
    left join totaal_in_gebruik as g
        on g.gemeente_code = r.gemeente_code and g.periode = r.periode and g.indicator = r.indicator
    where z.levering_id is not null or g.t is not null
)

select * from final
