-- The event study (effect by years since the start) per indicator × doelgroep, published as
-- `publicatie_effecten`: numbers only where not `te_klein`, rounded.
select
    * exclude (decimalen) replace (
        case when not te_klein then round(effect, d.decimalen) end as effect,
        case when not te_klein then round(ci_laag, d.decimalen) end as ci_laag,
        case when not te_klein then round(ci_hoog, d.decimalen) end as ci_hoog,
        case when not te_klein then round(standaardfout, d.decimalen + 1) end as standaardfout,
        case when not te_klein then round(vrijheidsgraden, 1) end as vrijheidsgraden
    )
from effecten_gebeurtenis
cross join lateral (
    -- estimates for a protected doelgroep as shown ({{ decimalen }} decimals); for the others finer
    select case when list_contains({{ beschermd }}, doelgroep) then {{ decimalen }} else 3 end as decimalen
) as d
