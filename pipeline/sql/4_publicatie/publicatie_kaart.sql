-- The map (`/kaart`): per gemeente × indicator × doelgroep the latest figure, published, its class
-- among all published latest figures of that indicator and doelgroep (five groups of about equal
-- size: quintile breaks, `klassegrenzen`; fewer where values tie), and its status against the baseline (publicatie_vergelijking).
with cijfers as (
    select * from publicatie_cijfers where omzetbaar  -- the map is the latest classification
),

laatste as (
    select * exclude (rn)
    from (
        select
            *,
            row_number() over (partition by gemeente_code, indicator, doelgroep order by jaar desc) as rn
        from cijfers
    )
    where rn = 1
),

grenzen as (
    select
        indicator,
        doelgroep,
        list_sort(list_distinct(quantile_cont(waarde, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]))) as grens
    from laatste
    where waarde is not null
    group by indicator, doelgroep
),

final as (
    select
        l.gemeente_code,
        l.gemeente_naam,
        l.indicator,
        l.doelgroep,
        l.periode as laatste_periode,
        l.jaar as laatste_jaar,
        l.waarde,
        l.onderdrukt,
        l.voorlopig,
        case
            when l.waarde is not null then least(
                greatest(len(g.grens) - 1, 1),
                len(list_filter(g.grens[2:len(g.grens) - 1], lambda x: x <= l.waarde)) + 1
            )
        end as klasse,
        g.grens as klassegrenzen,
        v.status,
        v.verschil,
        v.nulmeting_periode
    from laatste as l
    left join grenzen as g using (indicator, doelgroep)
    left join publicatie_vergelijking as v using (gemeente_code, indicator, doelgroep)
    order by l.indicator, l.doelgroep, l.gemeente_code
)

select * from final
