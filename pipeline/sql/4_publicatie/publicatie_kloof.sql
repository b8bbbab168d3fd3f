-- The gap roma − totaal at baseline and latest, its change and progress towards halving it, per
-- gemeente × indicator, published: where a roma or totaal cell it rests on is suppressed, that
-- cell's figures and everything derived from it are empty and the status is 'onderdrukt'.
with kloven as (
    select * from kloof
),

cellen as (
    select gemeente_code, periode, indicator, doelgroep, onderdrukt from pub_cellen
),

gemarkeerd as (
    select
        k.*,
        coalesce(rb.onderdrukt, false) as nulmeting_roma_onderdrukt,
        coalesce(rl.onderdrukt, false) as laatste_roma_onderdrukt,
        coalesce(tb.onderdrukt, false) or coalesce(tl.onderdrukt, false) as totaal_onderdrukt
    from kloven as k
    left join cellen as rb
        on rb.gemeente_code = k.gemeente_code and rb.indicator = k.indicator
        and rb.doelgroep = 'roma' and rb.periode = k.nulmeting_periode
    left join cellen as rl
        on rl.gemeente_code = k.gemeente_code and rl.indicator = k.indicator
        and rl.doelgroep = 'roma' and rl.periode = k.laatste_periode
    left join cellen as tb
        on tb.gemeente_code = k.gemeente_code and tb.indicator = k.indicator
        and tb.doelgroep = 'totaal' and tb.periode = k.nulmeting_periode
    left join cellen as tl
        on tl.gemeente_code = k.gemeente_code and tl.indicator = k.indicator
        and tl.doelgroep = 'totaal' and tl.periode = k.laatste_periode
),

final as (
    select
        k.gemeente_code,
        g.gemeente_naam,
        k.indicator,
        k.richting,
        k.nulmeting_jaar,
        k.nulmeting_periode,
        case when not k.nulmeting_roma_onderdrukt then k.nulmeting_roma_teller end as nulmeting_roma_teller,
        case when not k.nulmeting_roma_onderdrukt then k.nulmeting_roma_noemer end as nulmeting_roma_noemer,
        case when not k.nulmeting_roma_onderdrukt then k.nulmeting_roma_waarde end as nulmeting_roma_waarde,
        case when not k.totaal_onderdrukt then k.nulmeting_totaal_waarde end as nulmeting_totaal_waarde,
        case when not o.onderdrukt then k.nulmeting_kloof end as nulmeting_kloof,
        k.laatste_jaar,
        k.laatste_periode,
        case when not k.laatste_roma_onderdrukt then k.laatste_roma_teller end as laatste_roma_teller,
        case when not k.laatste_roma_onderdrukt then k.laatste_roma_noemer end as laatste_roma_noemer,
        case when not k.laatste_roma_onderdrukt then k.laatste_roma_waarde end as laatste_roma_waarde,
        case when not k.totaal_onderdrukt then k.laatste_totaal_waarde end as laatste_totaal_waarde,
        case when not o.onderdrukt then k.laatste_kloof end as laatste_kloof,
        case when not o.onderdrukt then k.kloof_verschil end as kloof_verschil,
        case when not o.onderdrukt then k.kloof_verschil_laag end as kloof_verschil_laag,
        case when not o.onderdrukt then k.kloof_verschil_hoog end as kloof_verschil_hoog,
        case when not o.onderdrukt then k.achterstand_nulmeting end as achterstand_nulmeting,
        case when not o.onderdrukt then k.achterstand_laatste end as achterstand_laatste,
        case when not o.onderdrukt then k.doel_achterstand end as doel_achterstand,
        case when not o.onderdrukt then k.voortgang end as voortgang,
        case when not o.onderdrukt then k.gehalveerd end as gehalveerd,
        case when o.onderdrukt then {{ onderdrukt }} else k.status end as status,
        o.onderdrukt,
        case when o.onderdrukt then {{ reden_afgeleid }} end as reden_onderdrukt
    from gemarkeerd as k
    cross join lateral (
        select k.nulmeting_roma_onderdrukt or k.laatste_roma_onderdrukt or k.totaal_onderdrukt as onderdrukt
    ) as o
    join gemeenten as g using (gemeente_code)
    join indicatoren as i using (indicator)
    order by k.gemeente_code, i.volgorde
)

select * from final
