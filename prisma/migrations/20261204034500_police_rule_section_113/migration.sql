-- The police reporting rule corrected. The first rule (20261203182957_rentals) was written from
-- memory and cited the wrong provision and period: § 111 of Act No. 404/2011 Coll. is the
-- foreigner's own duty to report their stay; the accommodation provider's duty is § 113 písm. c):
-- "zabezpečiť vyplnenie úradného tlačiva o hlásení pobytu cudzinca a doručiť ho policajnému útvaru
-- do piatich dní od ubytovania" — five days from the start of accommodation, calendar days (the
-- act says "dní", not "pracovných dní"). Taken as in force since the act's effect on 1 January
-- 2012 (its predecessor, Act No. 48/2002 Coll. § 50, had the same five days), so the row is
-- corrected in place rather than ended: the old one was never the law.
-- Confirmed against the public administration portal (slovensko.sk, "Hlásenie krátkodobého
-- pobytu cudzincov") and published summaries of § 113, not against the consolidated text in
-- Slov-Lex itself; a later amendment should be a new row with its valid_from.
UPDATE property.police_reporting_rules
   SET deadline_days = 5,
       working_days = false,
       legal_basis = 'Zákon č. 404/2011 Z. z. o pobyte cudzincov, § 113 písm. c): ubytovateľ zabezpečí vyplnenie úradného tlačiva o hlásení pobytu cudzinca a doručí ho policajnému útvaru do piatich dní od ubytovania'
 WHERE country = 'SK' AND valid_from = DATE '2012-01-01';

-- Registrations still to be filed get the corrected deadline (five days from the guest's
-- arrival); their reminder and overdue notice are due again for it. Submitted reports keep the
-- text they were filed with.
UPDATE property.police_registrations p
   SET due_on = g.stay_from + 5,
       reminded_at = NULL,
       overdue_notified_at = NULL
  FROM property.guests g
 WHERE g.id = p.guest_id
   AND p.status = 'PENDING'
   AND p.due_on <> g.stay_from + 5;
