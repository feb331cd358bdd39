-- More of the OpenID Connect profile claims (Core §5.1): preferred_username, given_name,
-- family_name, locale, zoneinfo. Usernames are unique whatever their letter case: the index is
-- on lower(username), which prisma/partial-indexes.ts declares so the migration check expects it.
ALTER TABLE "User" ADD COLUMN "username" TEXT,
ADD COLUMN "givenName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "familyName" TEXT NOT NULL DEFAULT '',
ADD COLUMN "locale" TEXT NOT NULL DEFAULT '',
ADD COLUMN "zoneinfo" TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX "User_username_key" ON "User"(lower("username"));
