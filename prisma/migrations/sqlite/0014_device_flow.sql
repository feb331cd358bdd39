-- Native apps may use the device authorization grant (RFC 8628). Added in place: a column with a
-- constant default needs no table rebuild.
ALTER TABLE "Application" ADD COLUMN "deviceFlow" BOOLEAN NOT NULL DEFAULT false;
