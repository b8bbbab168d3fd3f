-- Every municipality of the CBS register (2016–2025), not only pilots: its latest name and
-- province, whether it was a pilot site (proeftuin), its start year and baseline year
-- (the rule lives in pipeline/config.py: BaselineRule), and the group it belongs to.
with register as (
    select * from stg_gemeenten
),

laatste as (
    select
        gemeente_code,
        arg_max(gemeente_naam, jaar) as gemeente_naam,
        arg_max(provincie, jaar) as provincie,
        arg_max(provincie_code, jaar) as provincie_code,
        max(jaar) filter (where actief) as laatste_jaar,
        bool_or(actief and jaar = (select max(jaar) from register)) as actief
    from register
    group by gemeente_code
),

final as (
    select
        l.gemeente_code,
        l.gemeente_naam,
        l.provincie,
        l.provincie_code,
        p.gemeente_code is not null as proeftuin,
        p.startjaar,
        coalesce(p.startjaar_aanname, false) as startjaar_aanname,
        p.fase,
        p.subsidie,
        coalesce(p.nulmeting_jaar, {{ nulmeting_zonder_proeftuin }}) as nulmeting_jaar,
        case
            when p.gemeente_code is not null then 'proeftuin'
            when v.gemeente_code is not null then 'genoemd'
            else 'overig'
        end as groep,
        l.actief,
        l.laatste_jaar
    from laatste as l
    left join stg_proeftuinen as p using (gemeente_code)
    left join stg_vergelijking as v using (gemeente_code)
    order by l.gemeente_code
)

select * from final
