-- Every municipality of the CBS register (2010–2025), not only pilots: its latest name and
-- province, whether it was a pilot site (proeftuin), its start year and baseline year
-- (the rule lives in pipeline/config.py: BaselineRule), the group it belongs to, and its part in
-- the municipal reorganisations: when it came into being and from which codes, when it was
-- dissolved and into which codes, where its area is on the latest classification.
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

ontstaan as (
    -- a municipality that came into being in a reorganisation (not one that took others in)
    select h.gemeente_code_nieuw as gemeente_code, min(h.datum) as ontstaan_op,
        list_sort(list(distinct h.gemeente_code_oud)) as ontstaan_uit
    from stg_herindelingen as h
    where not exists (
        select 1 from stg_gemeenten as g
        where g.gemeente_code = h.gemeente_code_nieuw and g.actief and g.jaar < year(h.datum)
    )
    group by h.gemeente_code_nieuw
),

opgeheven as (
    select gemeente_code_oud as gemeente_code, min(datum) as opgeheven_op,
        list_sort(list(distinct gemeente_code_nieuw)) as opgegaan_in,
        bool_or(soort = 'splitsing') as gesplitst
    from stg_herindelingen
    group by gemeente_code_oud
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
        l.laatste_jaar,
        o.ontstaan_op,
        o.ontstaan_uit,
        h.opgeheven_op,
        h.opgegaan_in,
        coalesce(h.gesplitst, false) as gesplitst,
        il.in_laatste_indeling,
        il.laatste_code,
        il.ontvangers as in_laatste_indeling_als,
        il.herindeling
    from laatste as l
    left join stg_proeftuinen as p using (gemeente_code)
    left join stg_vergelijking as v using (gemeente_code)
    left join ontstaan as o using (gemeente_code)
    left join opgeheven as h using (gemeente_code)
    left join stg_indeling_laatste as il using (gemeente_code)
    order by l.gemeente_code
)

select * from final
