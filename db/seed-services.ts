/**
 * Demo services directory for the four pilot sites: the kinds of local service a hub refers people
 * to, commissioned as DOMAIN.md's "Referrals" table says. Names follow the pattern of real local
 * services but are illustrative; every phone number is in Ofcom's range for drama (01632 960xxx),
 * and addresses name a street or building without a number, so nothing here reaches a real person.
 */
import type { CommissionerType, ServiceCategory } from "@/domain/referrals";
import type { Executor } from "./client";
import { services } from "./schema";
import type { SiteCode } from "./seed";

type DemoService = { name: string; category: ServiceCategory; commissionerType: CommissionerType; contact: string; address: string; active?: boolean };

export const demoServices: Record<SiteCode, readonly DemoService[]> = {
  cambridge: [
    { name: "GP practice accepting new registrations (Cambridge city centre)", category: "gp_primary_care", commissionerType: "icb", contact: "01632 960101, reception 8am to 6:30pm", address: "Regent Street, Cambridge" },
    { name: "Cambridgeshire and Peterborough NHS Talking Therapies", category: "talking_therapies", commissionerType: "icb", contact: "Self-referral online, or 01632 960102", address: "Brookfields Campus, Mill Road, Cambridge" },
    { name: "Cambridge City Adult Community Mental Health Team", category: "community_mental_health", commissionerType: "icb", contact: "01632 960103 (referrals from GPs and the hub)", address: "Newmarket Road, Cambridge" },
    { name: "First Response Service (mental health crisis, 24 hours)", category: "crisis", commissionerType: "icb", contact: "NHS 111, option 2; professionals' line 01632 960104", address: "Telephone service" },
    { name: "Cambridgeshire adult drug and alcohol service (Change Grow Live)", category: "drug_alcohol", commissionerType: "local_authority", contact: "01632 960105, drop-in weekday mornings", address: "East Road, Cambridge" },
    { name: "Healthy You stop smoking service", category: "stop_smoking", commissionerType: "local_authority", contact: "01632 960106", address: "Community pharmacies and telephone support, Cambridgeshire" },
    { name: "iCaSH Cambridge sexual health clinic", category: "sexual_health", commissionerType: "local_authority", contact: "01632 960107, walk-in and booked appointments", address: "Hills Road, Cambridge" },
    { name: "Cambridgeshire Liaison and Diversion Service", category: "liaison_diversion", commissionerType: "nhs_england_health_justice", contact: "01632 960108 (police custody and magistrates' court)", address: "Parkside Police Station, Cambridge" },
    { name: "Urgent dental care line (East of England)", category: "dental", commissionerType: "icb", contact: "NHS 111, or 01632 960109", address: "Telephone service" },
    { name: "Cambridge City Council housing options", category: "housing", commissionerType: "local_authority", contact: "01632 960110, out-of-hours 01632 960111", address: "Mandela House, Regent Street, Cambridge" },
    { name: "Cambridge homelessness day centre (voluntary sector)", category: "housing", commissionerType: "voluntary_sector", contact: "01632 960112", address: "King Street, Cambridge" },
  ],
  middlesbrough: [
    { name: "GP practice accepting new registrations (Middlesbrough town centre)", category: "gp_primary_care", commissionerType: "icb", contact: "01632 960201", address: "Linthorpe Road, Middlesbrough" },
    { name: "Tees Valley NHS Talking Therapies", category: "talking_therapies", commissionerType: "icb", contact: "Self-referral online, or 01632 960202", address: "Lakeside, Middlesbrough" },
    { name: "Middlesbrough Community Mental Health Team (adults)", category: "community_mental_health", commissionerType: "icb", contact: "01632 960203", address: "Roseberry Park, Marton Road, Middlesbrough" },
    { name: "Teesside mental health crisis team (24 hours)", category: "crisis", commissionerType: "icb", contact: "NHS 111, option 2; crisis team 01632 960204", address: "Roseberry Park, Marton Road, Middlesbrough" },
    { name: "Middlesbrough Recovering Together (drug and alcohol)", category: "drug_alcohol", commissionerType: "local_authority", contact: "01632 960205, drop-in weekdays", address: "Corporation Road, Middlesbrough" },
    { name: "Middlesbrough stop smoking service", category: "stop_smoking", commissionerType: "local_authority", contact: "01632 960206", address: "Civic Centre, Middlesbrough" },
    { name: "Sexual Health Teesside (Middlesbrough clinic)", category: "sexual_health", commissionerType: "local_authority", contact: "01632 960207", address: "Albert Road, Middlesbrough" },
    { name: "Teesside Liaison and Diversion Service", category: "liaison_diversion", commissionerType: "nhs_england_health_justice", contact: "01632 960208 (custody suite and Teesside Magistrates' Court)", address: "Victoria Square, Middlesbrough" },
    { name: "Urgent dental care line (North East and North Cumbria)", category: "dental", commissionerType: "icb", contact: "NHS 111, or 01632 960209", address: "Telephone service" },
    { name: "Middlesbrough Council housing solutions", category: "housing", commissionerType: "local_authority", contact: "01632 960210", address: "Civic Centre, Middlesbrough" },
    { name: "Middlesbrough adult social care first contact", category: "social_care", commissionerType: "local_authority", contact: "01632 960211", address: "Civic Centre, Middlesbrough" },
    { name: "Teesside homelessness and resettlement charity", category: "housing", commissionerType: "voluntary_sector", contact: "01632 960212", address: "Grange Road, Middlesbrough" },
  ],
  ilfracombe: [
    { name: "GP practice accepting new registrations (Ilfracombe)", category: "gp_primary_care", commissionerType: "icb", contact: "01632 960301", address: "Church Street, Ilfracombe" },
    { name: "TALKWORKS (NHS Talking Therapies, Devon)", category: "talking_therapies", commissionerType: "icb", contact: "Self-referral online, or 01632 960302", address: "North Devon District Hospital, Barnstaple, and telephone" },
    { name: "North Devon Community Mental Health Team", category: "community_mental_health", commissionerType: "icb", contact: "01632 960303", address: "Litchdon Street, Barnstaple" },
    { name: "Devon mental health crisis line (24 hours)", category: "crisis", commissionerType: "icb", contact: "NHS 111, option 2; crisis team 01632 960304", address: "Telephone service" },
    { name: "Together drug and alcohol service, North Devon", category: "drug_alcohol", commissionerType: "local_authority", contact: "01632 960305; outreach clinic in Ilfracombe on Thursdays", address: "Boutport Street, Barnstaple" },
    { name: "Devon stop smoking service", category: "stop_smoking", commissionerType: "local_authority", contact: "01632 960306", address: "Telephone and online support, Devon" },
    { name: "Sexual Health Devon (Barnstaple clinic)", category: "sexual_health", commissionerType: "local_authority", contact: "01632 960307", address: "North Devon District Hospital, Barnstaple" },
    { name: "Devon Liaison and Diversion Service (North Devon)", category: "liaison_diversion", commissionerType: "nhs_england_health_justice", contact: "01632 960308", address: "North Devon Justice Centre, Barnstaple" },
    { name: "Urgent dental care line (South West)", category: "dental", commissionerType: "icb", contact: "NHS 111, or 01632 960309", address: "Telephone service" },
    { name: "Community optician (NHS sight tests)", category: "optometry", commissionerType: "icb", contact: "01632 960310", address: "High Street, Ilfracombe" },
    { name: "North Devon Council housing options", category: "housing", commissionerType: "local_authority", contact: "01632 960311", address: "Lynton House, Commercial Road, Barnstaple" },
    { name: "North Devon homelessness and housing advice charity", category: "housing", commissionerType: "voluntary_sector", contact: "01632 960312", address: "Boutport Street, Barnstaple" },
  ],
  hammersmith: [
    { name: "GP practice accepting new registrations (Shepherd's Bush)", category: "gp_primary_care", commissionerType: "icb", contact: "01632 960401", address: "Uxbridge Road, London W12" },
    { name: "Hammersmith and Fulham NHS Talking Therapies", category: "talking_therapies", commissionerType: "icb", contact: "Self-referral online, or 01632 960402", address: "Hammersmith Road, London W6" },
    { name: "Hammersmith and Fulham Community Mental Health Hub", category: "community_mental_health", commissionerType: "icb", contact: "01632 960403", address: "Claybrook Road, London W6" },
    { name: "West London mental health crisis line (24 hours)", category: "crisis", commissionerType: "icb", contact: "NHS 111, option 2; crisis line 01632 960404", address: "Telephone service" },
    { name: "Hammersmith and Fulham drug and alcohol service", category: "drug_alcohol", commissionerType: "local_authority", contact: "01632 960405, drop-in weekday afternoons", address: "Fulham Palace Road, London W6" },
    { name: "Hammersmith and Fulham stop smoking service", category: "stop_smoking", commissionerType: "local_authority", contact: "01632 960406", address: "Telephone support and community pharmacies" },
    { name: "West London sexual health clinic", category: "sexual_health", commissionerType: "local_authority", contact: "01632 960407", address: "Charing Cross Hospital, Fulham Palace Road, London W6" },
    { name: "North West London Liaison and Diversion Service", category: "liaison_diversion", commissionerType: "nhs_england_health_justice", contact: "01632 960408 (police custody and magistrates' court)", address: "Hammersmith Police Station, Shepherd's Bush Road, London W6" },
    { name: "Urgent dental care line (London)", category: "dental", commissionerType: "icb", contact: "NHS 111, or 01632 960409", address: "Telephone service" },
    { name: "Hammersmith and Fulham Council housing options", category: "housing", commissionerType: "local_authority", contact: "01632 960410, out-of-hours 01632 960411", address: "Hammersmith Town Hall, King Street, London W6" },
    { name: "West London day centre for people sleeping rough", category: "housing", commissionerType: "voluntary_sector", contact: "01632 960412", address: "Goldhawk Road, London W12" },
    // Kept to show the directory's inactive state: the old clinic moved and its successor is above.
    { name: "Sexual health walk-in clinic (closed, moved to West London)", category: "sexual_health", commissionerType: "local_authority", contact: "01632 960413", address: "King Street, London W6", active: false },
  ],
};

/** Inserts the directory for every seeded site, inside the seed's transaction. */
export async function seedServices(tx: Executor, siteIds: ReadonlyMap<string, string>): Promise<number> {
  const rows = (Object.keys(demoServices) as SiteCode[]).flatMap((code) => {
    const siteId = siteIds.get(code);
    if (siteId === undefined) throw new Error(`Seed: no site for ${code}`);
    return demoServices[code].map((s) => ({ siteId, ...s, active: s.active ?? true }));
  });
  await tx.insert(services).values(rows);
  return rows.length;
}
