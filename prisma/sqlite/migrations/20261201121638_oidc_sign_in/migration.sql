-- Single sign-on accounts. Added columns only (no table redefinition of User).
ALTER TABLE "User" ADD COLUMN "authSource" TEXT NOT NULL DEFAULT 'password';
ALTER TABLE "User" ADD COLUMN "oidcIssuer" TEXT;
ALTER TABLE "User" ADD COLUMN "oidcSubject" TEXT;
ALTER TABLE "User" ADD COLUMN "awaitingRole" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "roleFromIdp" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");
