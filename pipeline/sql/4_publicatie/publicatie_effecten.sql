-- The pilots' effect against non-pilots per indicator × doelgroep (CONTRACT §3), published: an
-- estimate that is too small to say anything (`te_klein`: too few pilots or comparison
-- municipalities) keeps its reason and loses its numbers; estimates are rounded to
-- {{ decimalen }} decimals for a protected doelgroep (and p-values to 3), as shown.
select
    * exclude (decimalen) replace (
        case when not te_klein then round(effect, d.decimalen) end as effect,
        case when not te_klein then round(ci_laag, d.decimalen) end as ci_laag,
        case when not te_klein then round(ci_hoog, d.decimalen) end as ci_hoog,
        case when not te_klein then round(standaardfout, d.decimalen + 1) end as standaardfout,
        case when not te_klein then round(vrijheidsgraden, 1) end as vrijheidsgraden,
        case when not te_klein then round(p_waarde, 3) end as p_waarde,
        case when te_klein then {{ onvoldoende }} else status end as status,
        case when not te_klein then round(voortrend, d.decimalen) end as voortrend,
        case when not te_klein then round(voortrend_laag, d.decimalen) end as voortrend_laag,
        case when not te_klein then round(voortrend_hoog, d.decimalen) end as voortrend_hoog,
        case when not te_klein then round(voortrend_p, 3) end as voortrend_p
    )
from effecten
cross join lateral (
    -- estimates for a protected doelgroep as shown ({{ decimalen }} decimals); for the others finer
    select case when list_contains({{ beschermd }}, doelgroep) then {{ decimalen }} else 3 end as decimalen
) as d
