-- The pilots' effect against non-pilots per indicator × doelgroep (CONTRACT §3), published: an
-- estimate that is too small to say anything (`te_klein`: too few pilots, comparison
-- municipalities or persons) keeps its verdict, reason and counts and loses every number. Numbers
-- are published to two significant digits of their interval's half-width (at least
-- {{ decimalen }} decimal, at most 4): the precision the uncertainty allows, and no finer, so that
-- no estimate carries more of a single municipality's figure than it has to. p- and q-values to
-- 3 decimals, the number of persons behind the pilots to tens.
with precisie as (
    select
        *,
        least(4, greatest({{ decimalen }},
            1 - floor(log10(greatest((ci_hoog - ci_laag) / 2, 1e-6)))))::integer as d
    from effecten
)

select
    * exclude (d) replace (
        case when not te_klein then round(effect, d) end as effect,
        case when not te_klein then round(ci_laag, d) end as ci_laag,
        case when not te_klein then round(ci_hoog, d) end as ci_hoog,
        case when not te_klein then round(standaardfout, d + 1) end as standaardfout,
        case when not te_klein then round(vrijheidsgraden, 1) end as vrijheidsgraden,
        case when not te_klein then round(p_waarde, 3) end as p_waarde,
        case when te_klein then {{ onvoldoende }} else status end as status,
        case when not te_klein then round(voortrend, d) end as voortrend,
        case when not te_klein then round(voortrend_laag, d) end as voortrend_laag,
        case when not te_klein then round(voortrend_hoog, d) end as voortrend_hoog,
        case when not te_klein then round(voortrend_p, 3) end as voortrend_p,
        case when not te_klein then voortrend_ok end as voortrend_ok,
        case when not te_klein then round(voortrend_kracht, 2) end as voortrend_kracht,
        case when not te_klein then round(voortrend_mde, d) end as voortrend_mde,
        round(omvang_proeftuinen, -1) as omvang_proeftuinen,
        case when not te_klein then round(p_permutatie, 3) end as p_permutatie,
        case when not te_klein then round(ci_permutatie_laag, d) end as ci_permutatie_laag,
        case when not te_klein then round(ci_permutatie_hoog, d) end as ci_permutatie_hoog,
        case when not te_klein then round(effect_trend, d) end as effect_trend,
        case when not te_klein then round(ci_trend_laag, d) end as ci_trend_laag,
        case when not te_klein then round(ci_trend_hoog, d) end as ci_trend_hoog,
        case when not te_klein then round(breekpunt_m, 2) end as breekpunt_m,
        case when not te_klein then round(q_waarde, 3) end as q_waarde,
        round(jaren_na_nulmeting, 1) as jaren_na_nulmeting
    )
from precisie
