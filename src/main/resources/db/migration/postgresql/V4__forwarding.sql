-- Whether the rules forward a resource that Identity Center holds. A user excluded with
-- whenExcluded: deactivate stays in Identity Center (inactive) but is not forwarded: forwarded
-- groups carry only forwarded users.
alter table ic_shadow add column forwarded boolean default true not null;
