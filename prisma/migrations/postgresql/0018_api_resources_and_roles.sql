-- CreateTable
CREATE TABLE "ApiResource" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "accessTokenTtl" INTEGER NOT NULL DEFAULT 3600,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiPermission" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ApiPermission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RolePermission" (
    "roleId" TEXT NOT NULL,
    "permissionId" TEXT NOT NULL,

    CONSTRAINT "RolePermission_pkey" PRIMARY KEY ("roleId","permissionId")
);

-- CreateTable
CREATE TABLE "UserRole" (
    "userId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,

    CONSTRAINT "UserRole_pkey" PRIMARY KEY ("userId","roleId")
);

-- CreateTable
CREATE TABLE "AppRole" (
    "applicationId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,

    CONSTRAINT "AppRole_pkey" PRIMARY KEY ("applicationId","roleId")
);

-- CreateTable
CREATE TABLE "AppApiPermission" (
    "applicationId" TEXT NOT NULL,
    "permissionId" TEXT NOT NULL,

    CONSTRAINT "AppApiPermission_pkey" PRIMARY KEY ("applicationId","permissionId")
);

-- CreateTable
CREATE TABLE "AppAccessRole" (
    "applicationId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,

    CONSTRAINT "AppAccessRole_pkey" PRIMARY KEY ("applicationId","roleId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiResource_indicator_key" ON "ApiResource"("indicator");

-- CreateIndex
CREATE INDEX "ApiResource_createdAt_idx" ON "ApiResource"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiPermission_apiId_name_key" ON "ApiPermission"("apiId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Role_name_key" ON "Role"("name");

-- CreateIndex
CREATE INDEX "RolePermission_permissionId_idx" ON "RolePermission"("permissionId");

-- CreateIndex
CREATE INDEX "UserRole_roleId_idx" ON "UserRole"("roleId");

-- CreateIndex
CREATE INDEX "AppRole_roleId_idx" ON "AppRole"("roleId");

-- CreateIndex
CREATE INDEX "AppApiPermission_permissionId_idx" ON "AppApiPermission"("permissionId");

-- CreateIndex
CREATE INDEX "AppAccessRole_roleId_idx" ON "AppAccessRole"("roleId");

-- AddForeignKey
ALTER TABLE "ApiPermission" ADD CONSTRAINT "ApiPermission_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "ApiResource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolePermission" ADD CONSTRAINT "RolePermission_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RolePermission" ADD CONSTRAINT "RolePermission_permissionId_fkey" FOREIGN KEY ("permissionId") REFERENCES "ApiPermission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserRole" ADD CONSTRAINT "UserRole_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppRole" ADD CONSTRAINT "AppRole_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppRole" ADD CONSTRAINT "AppRole_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppApiPermission" ADD CONSTRAINT "AppApiPermission_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppApiPermission" ADD CONSTRAINT "AppApiPermission_permissionId_fkey" FOREIGN KEY ("permissionId") REFERENCES "ApiPermission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppAccessRole" ADD CONSTRAINT "AppAccessRole_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppAccessRole" ADD CONSTRAINT "AppAccessRole_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

