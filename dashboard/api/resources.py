"""What the API serves: one definition per resource, from which the handlers, the filters and the
OpenAPI document are all made (nothing about a resource is written twice).

A resource is a publication table (`publicatie_*`) or a reference table (`gemeenten`,
`indicatoren`, `proeftuinen`), with its columns in a fixed order and type. `cijfers` is the
extract's own table (`pipeline.extracts`: `publicatie_cijfers` joined with the baseline), with the
columns of its codebook, so the API and `python -m pipeline extract` serve the same rows and bytes.
A handler selects exactly the listed columns: a column the build adds later does not appear in the
API until it is listed here (and so in the OpenAPI document). `tests/api` hold these lists against
a fresh build.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.config import load_settings
from pipeline.extracts.codebook import COLUMNS as CODEBOOK

# A column's type as written below: s text, i whole number, n number, b yes/no, d date, x[] a list.
JSON_TYPES = {"s": "string", "i": "integer", "n": "number", "b": "boolean", "d": "string"}
CODEBOOK_TYPES = {"string": "s", "integer": "i", "number": "n", "boolean": "b"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # s | i | n | b | d | s[] | n[]
    description: str = ""

    @property
    def is_list(self) -> bool:
        return self.type.endswith("[]")

    @property
    def base(self) -> str:
        return self.type.removesuffix("[]")

    def json_schema(self) -> dict:
        """The JSON Schema of one value of this column in a JSON response (null when empty)."""
        item: dict[str, object] = {"type": JSON_TYPES[self.base]}
        if self.base == "d":
            item["format"] = "date"
        schema: dict[str, object] = (
            {"type": ["array", "null"], "items": item}
            if self.is_list
            else {**item, "type": [item["type"], "null"]}
        )
        if self.description:
            schema["description"] = self.description
        return schema


def columns(spec: str) -> tuple[Column, ...]:
    """`"gemeente_code:s jaar:i"` → the columns."""
    out = []
    for part in spec.split():
        name, kind = part.split(":")
        out.append(Column(name, kind))
    return tuple(out)


@dataclass(frozen=True)
class Filter:
    """A query parameter that narrows the rows; `column` is the column it applies to."""

    name: str
    column: str
    description: str
    multiple: bool = True  # any of several values: repeated (?x=a&x=b) or separated by commas


FILTERS: tuple[Filter, ...] = (
    Filter(
        "gemeente",
        "gemeente_code",
        "CBS-code van een gemeente (GM0363; 0363 en 363 mogen ook); meer gemeenten: herhaal de "
        "parameter of scheid de codes met komma's.",
    ),
    Filter("indicator", "indicator", "Code van een indicator uit de catalogus (/indicatoren)."),
    Filter(
        "domein", "indicator", "Domein: verzuim, arbeid, wonen of veiligheid (de indicatoren van dat domein)."
    ),
    Filter("doelgroep", "doelgroep", "roma of totaal."),
    Filter("groep", "groep", "Naam van een groep gemeenten, zoals in de kolom groep."),
    Filter("van", "jaar", "Eerste jaar (kolom jaar), zoals --van van `pipeline extract`.", multiple=False),
    Filter(
        "tot",
        "jaar",
        "Laatste jaar (kolom jaar), tot en met; zoals --tot van `pipeline extract`.",
        multiple=False,
    ),
)


@dataclass(frozen=True)
class Resource:
    """One table the API serves at /api/v1/<name>."""

    name: str
    table: str
    title: str
    description: str
    columns: tuple[Column, ...]
    order: tuple[str, ...]
    figures: bool = False  # served through the extract's query (pipeline.extracts), not a plain select

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def filters(self) -> tuple[Filter, ...]:
        """The filters that apply: those whose column the resource has (domein: via the indicator)."""
        return tuple(f for f in FILTERS if f.column in self.names)

    def row_schema(self) -> dict:
        return {
            "type": "object",
            "properties": {c.name: c.json_schema() for c in self.columns},
            "required": list(self.names),
            "additionalProperties": False,
        }


def doelgroepen() -> tuple[str, ...]:
    """The target groups of the settings (the same list the pipeline validates against)."""
    return tuple(load_settings().validatie.doelgroepen)


CIJFERS = Resource(
    "cijfers",
    "publicatie_cijfers",
    "De gepubliceerde cijfers",
    "Een rij per gemeente × periode × indicator × doelgroep, met de nulmeting en de status: dezelfde "
    "rijen, kolommen en bytes als `python -m pipeline extract` met dezelfde filters. Onderdrukte "
    "cijfers zijn leeg (teller, noemer, waarde) met onderdrukt = true en de reden.",
    tuple(Column(c.name, CODEBOOK_TYPES[c.type], c.description) for c in CODEBOOK),
    order=("gemeente_code", "indicator", "doelgroep", "jaar", "periode"),
    figures=True,
)

RESOURCES: tuple[Resource, ...] = (
    Resource(
        "indicatoren",
        "indicatoren",
        "De indicatorcatalogus",
        "Elke indicator: domein, naam, definitie, eenheid, richting en streefwaarde.",
        columns(
            "indicator:s domein:s domein_naam:s naam:s definitie:s eenheid:s vermenigvuldiger:i "
            "is_aantal:b periodetype:s richting:s streefwaarde:n bron:s noemer_omschrijving:s volgorde:i",
        ),
        order=("volgorde",),
    ),
    Resource(
        "gemeenten",
        "gemeenten",
        "Het gemeentenregister",
        "Elke gemeente van de CBS-indeling in de jaren die de monitor beslaat (niet alleen "
        "proeftuinen), met provincie, proeftuin, startjaar, nulmetingsjaar en herindelingen.",
        columns(
            "gemeente_code:s gemeente_naam:s provincie:s provincie_code:s proeftuin:b startjaar:i "
            "startjaar_aanname:b fase:i subsidie:b nulmeting_jaar:i groep:s actief:b laatste_jaar:i "
            "ontstaan_op:d ontstaan_uit:s[] opgeheven_op:d opgegaan_in:s[] gesplitst:b "
            "in_laatste_indeling:b laatste_code:s in_laatste_indeling_als:s[] herindeling:s",
        ),
        order=("gemeente_code",),
    ),
    Resource(
        "proeftuinen",
        "proeftuinen",
        "Het register van proeftuinen",
        "De proeftuinen (gemeenten en organisaties) met fase, startjaar, subsidie en "
        "interventies, elk feit met zijn bron.",
        columns(
            "naam:s soort:s gemeente_code:s fase:i startjaar:i startjaar_aanname:b "
            "startjaar_toelichting:s nulmeting_jaar:i subsidie:b interventies:s[] bron_deelname:s "
            "bron_startjaar:s bron_subsidie:s bron_interventies:s",
        ),
        order=("naam", "gemeente_code"),
    ),
    CIJFERS,
    Resource(
        "vergelijking",
        "publicatie_vergelijking",
        "Proeftuinen tegen hun nulmeting",
        "Per gemeente, indicator en doelgroep: de nulmeting, het laatste cijfer, het verschil met"
        " interval en de status; status onderdrukt waar een van beide cijfers is onderdrukt.",
        columns(
            "gemeente_code:s gemeente_naam:s indicator:s doelgroep:s nulmeting_jaar:i nulmeting_periode:s "
            "nulmeting_teller:i nulmeting_noemer:i nulmeting_waarde:n nulmeting_onderdrukt:b "
            "laatste_jaar:i laatste_periode:s laatste_teller:i laatste_noemer:i laatste_waarde:n "
            "laatste_onderdrukt:b verschil:n verschil_laag:n verschil_hoog:n relatief_verschil:n "
            "p_waarde:n toets:s streefwaarde:n streefwaarde_bereikt:b status:s onderdrukt:b "
            "reden_onderdrukt:s",
        ),
        order=("gemeente_code", "indicator", "doelgroep"),
    ),
    Resource(
        "groepen",
        "publicatie_groepen",
        "Totalen over groepen gemeenten",
        "Elk totaal over meerdere gemeenten dat ergens getoond wordt (proeftuinen, overige "
        "gemeenten, …), met de gemeenten die het optelt; leeg waar het een onderdrukt cijfer zou "
        "verraden.",
        columns(
            "groep:s indicator:s doelgroep:s jaar:i periode:s voorlopig:b n_gemeenten:i gemeenten:s[] "
            "teller:i noemer:i waarde:n laag:n hoog:n onderdrukt:b reden_onderdrukt:s",
        ),
        order=("groep", "indicator", "doelgroep", "jaar", "periode"),
    ),
    Resource(
        "effecten",
        "publicatie_effecten",
        "Effect van de proeftuinen",
        "Per indicator en doelgroep het effect van de proeftuinen tegen niet-proeftuinen "
        "(difference-in-differences) met interval, voortrendtoets, permutatietoets en oordeel; "
        "leeg waar te weinig proeftuinen of te kleine aantallen, met de reden.",
        columns(
            "indicator:s doelgroep:s effect:n ci_laag:n ci_hoog:n standaardfout:n vrijheidsgraden:n "
            "p_waarde:n status:s methode:s vergelijkingsgroep:s n_proeftuinen:i n_vergelijking:i "
            "n_groep_tijd:i cohorten:s eerste_jaar:i laatste_jaar:i voortrend:n voortrend_laag:n "
            "voortrend_hoog:n voortrend_p:n n_voorperioden:i te_klein:b reden:s schaal:s "
            "omvang_proeftuinen:n p_permutatie:n ci_permutatie_laag:n ci_permutatie_hoog:n "
            "n_permutaties:i permutatie_exact:b voortrend_ok:b voortrend_kracht:n voortrend_mde:n "
            "voortrend_toelichting:s effect_trend:n ci_trend_laag:n ci_trend_hoog:n jaren_na_nulmeting:n "
            "breekpunt_m:n q_waarde:n oordeel:s oordeel_toelichting:s",
        ),
        order=("indicator", "doelgroep"),
    ),
    Resource(
        "kloof",
        "publicatie_kloof",
        "De kloof roma − totaal",
        "Per gemeente en indicator de kloof tussen roma en totaal bij de nulmeting en nu, de "
        "verandering en de voortgang naar halvering; onderdrukt waar een roma-cijfer is "
        "onderdrukt.",
        columns(
            "gemeente_code:s gemeente_naam:s indicator:s richting:s nulmeting_jaar:i nulmeting_periode:s "
            "nulmeting_roma_teller:i nulmeting_roma_noemer:i nulmeting_roma_waarde:n "
            "nulmeting_totaal_waarde:n nulmeting_kloof:n laatste_jaar:i laatste_periode:s "
            "laatste_roma_teller:i laatste_roma_noemer:i laatste_roma_waarde:n laatste_totaal_waarde:n "
            "laatste_kloof:n kloof_verschil:n kloof_verschil_laag:n kloof_verschil_hoog:n "
            "achterstand_nulmeting:n achterstand_laatste:n doel_achterstand:n voortgang:n gehalveerd:b "
            "status:s onderdrukt:b reden_onderdrukt:s",
        ),
        order=("gemeente_code", "indicator"),
    ),
    Resource(
        "gebeurtenis",
        "publicatie_gebeurtenis",
        "Effect naar jaren sinds de start",
        "De gebeurtenisstudie: per indicator, doelgroep en aantal jaren sinds de start het effect"
        " met interval.",
        columns(
            "indicator:s doelgroep:s jaren_sinds_start:i periode:s effect:n ci_laag:n ci_hoog:n "
            "standaardfout:n vrijheidsgraden:n n_proeftuinen:i n_vergelijking:i n_cohorten:i te_klein:b",
        ),
        order=("indicator", "doelgroep", "jaren_sinds_start"),
    ),
    Resource(
        "gevoeligheid",
        "publicatie_gevoeligheid",
        "Gevoeligheid van het effect",
        "Het effect met een andere vergelijkingsgroep, weging of aangenomen startjaren.",
        columns(
            "indicator:s doelgroep:s variant:s omschrijving:s effect:n ci_laag:n ci_hoog:n "
            "n_proeftuinen:i n_vergelijking:i te_klein:b",
        ),
        order=("indicator", "doelgroep", "variant"),
    ),
    Resource(
        "kaart",
        "publicatie_kaart",
        "De kaart",
        "Per gemeente, indicator en doelgroep het laatste cijfer, zijn klasse op de kaart en de "
        "status tegenover de nulmeting.",
        columns(
            "gemeente_code:s gemeente_naam:s indicator:s doelgroep:s laatste_periode:s laatste_jaar:i "
            "waarde:n onderdrukt:b voorlopig:b klasse:i klassegrenzen:n[] status:s verschil:n "
            "nulmeting_periode:s",
        ),
        order=("gemeente_code", "indicator", "doelgroep"),
    ),
    Resource(
        "trechter",
        "publicatie_trechter",
        "Trechterdiagrammen: het centrum",
        "Per indicator, doelgroep en jaar het centrum van het trechterdiagram en de gemeenten "
        "waarover het gaat.",
        columns(
            "indicator:s doelgroep:s jaar:i centrum:n decimalen:i overspreiding:b tau_waarde:n methode:s "
            "n_gemeenten:i gemeenten:s[]",
        ),
        order=("indicator", "doelgroep", "jaar"),
    ),
    Resource(
        "trechter_grenzen",
        "publicatie_trechter_grenzen",
        "Trechterdiagrammen: de grenzen",
        "De controlegrenzen (95 % en 99,8 %) van het trechterdiagram per noemer.",
        columns(
            "indicator:s doelgroep:s jaar:i noemer:n centrum:n laag_95:n hoog_95:n laag_99_8:n hoog_99_8:n",
        ),
        order=("indicator", "doelgroep", "jaar", "noemer"),
    ),
    Resource(
        "trechter_punten",
        "publicatie_trechter_punten",
        "Trechterdiagrammen: de gemeenten",
        "De punten van het trechterdiagram: per gemeente het cijfer en zijn ligging tegenover de grenzen.",
        columns(
            "gemeente_code:s gemeente_naam:s proeftuin:b indicator:s doelgroep:s jaar:i periode:s "
            "voorlopig:b teller:n noemer:n waarde:n ligging:s centrum:n",
        ),
        order=("indicator", "doelgroep", "jaar", "gemeente_code", "periode"),
    ),
    Resource(
        "volledigheid",
        "publicatie_volledigheid",
        "Volledigheid van de leveringen",
        "Per gemeente en jaar hoeveel cijfers er zijn.",
        columns(
            "gemeente_code:s gemeente_naam:s groep:s jaar:i cijfers:i",
        ),
        order=("gemeente_code", "jaar", "groep"),
    ),
    Resource(
        "leveringen",
        "publicatie_leveringen",
        "Leveringen",
        "Elk geleverd bestand: geaccepteerd of geweigerd, met de reden en wat er van zijn rijen werd.",
        columns(
            "bestand:s gemeente_code:s gemeente_naam:s leverdatum:d label:s status:s reden:s kolom:s "
            "rijen:i rijen_quarantaine:i rijen_in_gebruik:i rijen_vervangen:i formaat:s",
        ),
        order=("gemeente_code", "leverdatum", "bestand"),
    ),
    Resource(
        "herkomst",
        "publicatie_herkomst",
        "Herkomst van de cijfers",
        "Uit welk bestand (en van welke leverdatum) elk geleverd cijfer in gebruik komt, onder de code "
        "waarvoor het geleverd is. Alleen de sleutel, het bestand en de datum: geen waarden.",
        columns("gemeente_code:s periode:s indicator:s doelgroep:s bestand:s leverdatum:d"),
        order=("gemeente_code", "indicator", "doelgroep", "periode"),
    ),
    Resource(
        "quarantaine",
        "publicatie_quarantaine",
        "Quarantaine",
        "Afgewezen rijen per bestand, rij en kolom, met de regel die ze braken.",
        columns(
            "bestand:s gemeente_code:s gemeente_naam:s rij:i kolom:s regel:s meldingen:i",
        ),
        order=("bestand", "rij", "kolom", "regel"),
    ),
    Resource(
        "regels",
        "publicatie_regels",
        "Regels van deze build",
        "De drempels die deze build gebruikte (onthulling, status, …).",
        columns(
            "naam:s waarde:s toelichting:s",
        ),
        order=("naam",),
    ),
    Resource(
        "teksten",
        "publicatie_teksten",
        "Toelichtingen",
        "Teksten die de build schreef om zijn cijfers uit te leggen.",
        columns(
            "naam:s tekst:s",
        ),
        order=("naam",),
    ),
    Resource(
        "controle",
        "publicatie_controle",
        "Controle op onthulling",
        "De uitkomst van de controle op onthulling van deze build.",
        columns(
            "onderdrukte_aantallen:i bereiken:i met_certificaat:i met_milp:i smalste_bereik:i te_smal:i "
            "structureel:i min_mogelijke_waarden:i geslaagd:b extra_onderdrukt:i totalen_ingehouden:i "
            "rondes:i duur_s:n",
        ),
        order=("onderdrukte_aantallen",),
    ),
)

BY_NAME = {r.name: r for r in RESOURCES}
