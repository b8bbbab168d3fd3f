-- The thresholds this build used, as they were in settings.toml (CONTRACT §3), so that every
-- published figure can be judged by the rule that made it.
select * from (
    values
        ('onthulling.doelgroepen', array_to_string({{ beschermd }}, ', '),
         'doelgroepen waarvoor de onthullingsregels gelden'),
        ('onthulling.min_noemer', cast({{ min_noemer }} as varchar),
         'een cijfer met een kleinere noemer wordt onderdrukt'),
        ('onthulling.teller_min', cast({{ teller_min }} as varchar),
         'een teller (of noemer min teller) van teller_min tot en met teller_max wordt onderdrukt'),
        ('onthulling.teller_max', cast({{ teller_max }} as varchar),
         'een teller (of noemer min teller) van teller_min tot en met teller_max wordt onderdrukt'),
        ('onthulling.min_mogelijke_waarden', cast({{ min_waarden }} as varchar),
         'de controle eist dat elk onderdrukt aantal uit alles wat gepubliceerd is op minstens zoveel '
         || 'waarden kan uitkomen'),
        ('publicatie.decimalen_schattingen', cast({{ decimalen }} as varchar),
         'effecten en intervallen worden op zoveel decimalen gepubliceerd'),
        ('status.alpha', cast({{ alpha }} as varchar),
         'significantieniveau waaronder een verandering tegenover de nulmeting als echt geldt'),
        ('status.min_noemer', cast({{ status_min_noemer }} as varchar),
         'met een kleinere noemer: onvoldoende gegevens voor een status'),
        ('status.min_aantal', cast({{ status_min_aantal }} as varchar),
         'twee aantallen die samen kleiner zijn: onvoldoende gegevens voor een status'),
        ('nulmeting.jaren_voor_start', cast({{ jaren_voor_start }} as varchar),
         'de nulmeting van een proeftuin ligt zoveel jaren vóór zijn startjaar'),
        ('effecten.min_proeftuinen', cast({{ min_proeftuinen }} as varchar),
         'minder proeftuinen met gegevens: geen effect gepubliceerd'),
        ('effecten.min_vergelijking', cast({{ min_vergelijking }} as varchar),
         'minder vergelijkingsgemeenten met gegevens: geen effect gepubliceerd'),
        ('effecten.betrouwbaarheid', cast({{ betrouwbaarheid }} as varchar),
         'betrouwbaarheid van de intervallen'),
        ('kloof.doel_fractie', cast({{ doel_fractie }} as varchar),
         'het doel van het EU-kader voor Roma 2020–2030: de kloof met deze fractie verkleinen'),
        ('nulmeting.max_jaren_terug', cast({{ max_jaren_terug }} as varchar),
         'zonder cijfer in het jaar van de nulmeting: het dichtstbijzijnde eerdere jaar, hooguit zoveel '
         || 'jaren terug'),
        ('nulmeting.jaar_zonder_proeftuin', cast({{ jaar_zonder_proeftuin }} as varchar),
         'de nulmeting van een gemeente die geen proeftuin was')
) as t(naam, waarde, toelichting)
