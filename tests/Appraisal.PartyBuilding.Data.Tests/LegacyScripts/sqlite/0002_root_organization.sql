-- 0002: a fresh database holds one root node, code ROOT (SPEC: Organization tree).
INSERT INTO "Organizations" ("Code", "Name", "ParentId", "Kind", "Path", "CategoryCode", "MemberCount", "CommitteeSize")
VALUES ('ROOT', '根组织', NULL, 'PartyCommittee', '/ROOT/', NULL, 0, 0);
