-- The event study (effect by years since the start) per indicator × doelgroep, published as
-- `publicatie_effecten`: numbers only where not `te_klein`, to two significant digits of each
-- point's interval half-width.
with precisie as (
    select
        *,
        least(4, greatest({{ decimalen }},
            1 - floor(log10(greatest((ci_hoog - ci_laag) / 2, 1e-6)))))::integer as d
    from effecten_gebeurtenis
)

select
    * exclude (d) replace (
        case when not te_klein then round(effect, d) end as effect,
        case when not te_klein then round(ci_laag, d) end as ci_laag,
        case when not te_klein then round(ci_hoog, d) end as ci_hoog,
        case when not te_klein then round(standaardfout, d + 1) end as standaardfout,
        case when not te_klein then round(vrijheidsgraden, 1) end as vrijheidsgraden
    )
from precisie
