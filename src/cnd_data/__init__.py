"""The UN Commission on Narcotic Drugs report (68th session, agenda item 6) as pandas tables."""
