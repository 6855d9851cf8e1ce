-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "identity";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "platform";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "property";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "reality";

-- Hand-written: extensions and functions that tables below depend on (Prisma cannot express them).
-- They need a role allowed to create extensions (the migration owner).
CREATE EXTENSION IF NOT EXISTS "unaccent" WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS "cube" WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS "earthdistance" WITH SCHEMA public;

-- unaccent() is only STABLE (it reads a dictionary); generated columns and indexes need IMMUTABLE.
-- Pinning the dictionary makes the result fixed, so this wrapper is honestly immutable.
CREATE OR REPLACE FUNCTION platform.immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $fn$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $fn$;

-- CreateEnum
CREATE TYPE "platform"."OrganizationType" AS ENUM ('HOUSING_COOPERATIVE', 'PROPERTY_MANAGEMENT');

-- CreateEnum
CREATE TYPE "platform"."OrganizationStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "platform"."BillingInterval" AS ENUM ('MONTHLY', 'YEARLY');

-- CreateEnum
CREATE TYPE "platform"."PlanSubscriptionStatus" AS ENUM ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "identity"."UserStatus" AS ENUM ('PENDING', 'ACTIVE', 'SUSPENDED', 'DELETED');

-- CreateEnum
CREATE TYPE "identity"."MembershipStatus" AS ENUM ('INVITED', 'ACTIVE', 'SUSPENDED', 'LEFT');

-- CreateEnum
CREATE TYPE "identity"."DelegationScope" AS ENUM ('VOTING', 'FAULTS', 'FINANCE', 'ALL');

-- CreateEnum
CREATE TYPE "identity"."SocialProvider" AS ENUM ('GOOGLE', 'APPLE', 'FACEBOOK', 'MICROSOFT', 'TEST');

-- CreateEnum
CREATE TYPE "identity"."OneTimeTokenPurpose" AS ENUM ('EMAIL_VERIFICATION', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "property"."BuildingStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "property"."UnitType" AS ENUM ('FLAT', 'NON_RESIDENTIAL', 'COMMERCIAL', 'GARAGE', 'PARKING_SPACE', 'CELLAR', 'STORAGE', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."UnitStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "property"."OccupancyKind" AS ENUM ('TENANT', 'SUBTENANT', 'FAMILY_MEMBER', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."FaultStatus" AS ENUM ('NEW', 'TRIAGED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED');

-- CreateEnum
CREATE TYPE "property"."FaultPriority" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'URGENT');

-- CreateEnum
CREATE TYPE "property"."FaultCategory" AS ENUM ('PLUMBING', 'ELECTRICAL', 'HEATING', 'ELEVATOR', 'STRUCTURAL', 'ROOF', 'WINDOWS_DOORS', 'COMMON_AREAS', 'CLEANING', 'SECURITY', 'EXTERIOR', 'PESTS', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."AttachmentKind" AS ENUM ('PHOTO', 'VIDEO', 'DOCUMENT');

-- CreateEnum
CREATE TYPE "property"."AnnouncementStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "property"."VoteStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "property"."VoteChoiceType" AS ENUM ('SINGLE', 'MULTIPLE');

-- CreateEnum
CREATE TYPE "property"."VoteMatterType" AS ENUM ('ORDINARY', 'QUALIFIED_TWO_THIRDS', 'UNANIMOUS', 'WRITTEN_BALLOT', 'ADVISORY');

-- CreateEnum
CREATE TYPE "property"."ConversationKind" AS ENUM ('DIRECT', 'GROUP');

-- CreateEnum
CREATE TYPE "property"."FileUploadStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "property"."FileUploadPurpose" AS ENUM ('FAULT_ATTACHMENT', 'MESSAGE_ATTACHMENT', 'DOCUMENT_VERSION', 'METER_READING_PHOTO', 'ANNOUNCEMENT_ATTACHMENT', 'AVATAR', 'ORGANIZATION_LOGO', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."MeterKind" AS ENUM ('WATER_COLD', 'WATER_HOT', 'HEAT', 'HEAT_COST_ALLOCATOR', 'GAS', 'ELECTRICITY');

-- CreateEnum
CREATE TYPE "property"."MeterReadingSource" AS ENUM ('RESIDENT', 'MANAGER', 'IMPORT', 'AUTOMATIC');

-- CreateEnum
CREATE TYPE "property"."FinancialAccountKind" AS ENUM ('UNIT', 'REPAIR_FUND', 'OPERATING', 'BANK', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."InvoiceStatus" AS ENUM ('DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "property"."PaymentMethod" AS ENUM ('BANK_TRANSFER', 'DIRECT_DEBIT', 'CARD', 'CASH', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."FinancialTransactionKind" AS ENUM ('DEBIT', 'CREDIT');

-- CreateEnum
CREATE TYPE "property"."ReservationSource" AS ENUM ('AIRBNB', 'BOOKING', 'DIRECT', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."ReservationStatus" AS ENUM ('PENDING', 'CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "property"."GuestDocumentType" AS ENUM ('ID_CARD', 'PASSPORT', 'RESIDENCE_PERMIT', 'OTHER');

-- CreateEnum
CREATE TYPE "property"."PoliceRegistrationStatus" AS ENUM ('PENDING', 'SUBMITTED', 'ACCEPTED', 'FAILED');

-- CreateEnum
CREATE TYPE "property"."NotificationChannel" AS ENUM ('IN_APP', 'EMAIL', 'PUSH', 'SMS');

-- CreateEnum
CREATE TYPE "property"."DevicePlatform" AS ENUM ('IOS', 'ANDROID', 'WEB');

-- CreateEnum
CREATE TYPE "reality"."ListingPropertyType" AS ENUM ('APARTMENT', 'HOUSE', 'COMMERCIAL', 'LAND');

-- CreateEnum
CREATE TYPE "reality"."ListingTransactionType" AS ENUM ('SALE', 'RENT');

-- CreateEnum
CREATE TYPE "reality"."ListingStatus" AS ENUM ('DRAFT', 'ACTIVE', 'RESERVED', 'SOLD', 'RENTED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "reality"."AddressVisibility" AS ENUM ('FULL', 'STREET', 'DISTRICT');

-- CreateEnum
CREATE TYPE "reality"."EnergyClass" AS ENUM ('A0', 'A1', 'A', 'B', 'C', 'D', 'E', 'F', 'G');

-- CreateEnum
CREATE TYPE "reality"."AgencyStatus" AS ENUM ('PENDING', 'ACTIVE', 'SUSPENDED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "reality"."AgencyRealtorRole" AS ENUM ('ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "reality"."RealtorStatus" AS ENUM ('PENDING', 'ACTIVE', 'SUSPENDED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "reality"."PortalUserStatus" AS ENUM ('PENDING', 'ACTIVE', 'SUSPENDED', 'DELETED');

-- CreateEnum
CREATE TYPE "reality"."PortalAuthProvider" AS ENUM ('GOOGLE', 'APPLE', 'FACEBOOK', 'TEST');

-- CreateEnum
CREATE TYPE "reality"."PortalTokenPurpose" AS ENUM ('EMAIL_VERIFICATION', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "reality"."SavedSearchFrequency" AS ENUM ('INSTANT', 'DAILY', 'WEEKLY');

-- CreateEnum
CREATE TYPE "reality"."InquiryStatus" AS ENUM ('NEW', 'ANSWERED', 'CLOSED', 'SPAM');

-- CreateEnum
CREATE TYPE "reality"."ViewingStatus" AS ENUM ('REQUESTED', 'CONFIRMED', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "reality"."ImportFormat" AS ENUM ('JSON', 'XML', 'CSV');

-- CreateEnum
CREATE TYPE "reality"."ImportRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED');

-- CreateTable
CREATE TABLE "platform"."organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(255) NOT NULL,
    "slug" VARCHAR(100) NOT NULL,
    "type" "platform"."OrganizationType" NOT NULL,
    "contact_email" VARCHAR(255) NOT NULL,
    "contact_phone" VARCHAR(50),
    "ico" VARCHAR(20),
    "dic" VARCHAR(20),
    "vat_id" VARCHAR(20),
    "street" VARCHAR(255),
    "city" VARCHAR(100),
    "postal_code" VARCHAR(20),
    "country" CHAR(2) NOT NULL DEFAULT 'SK',
    "branding" JSONB NOT NULL DEFAULT '{}',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "status" "platform"."OrganizationStatus" NOT NULL DEFAULT 'ACTIVE',
    "archived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."subscription_plans" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" VARCHAR(64) NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "description" TEXT,
    "price_monthly" DECIMAL(15,2) NOT NULL,
    "price_yearly" DECIMAL(15,2),
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "limits" JSONB NOT NULL DEFAULT '{}',
    "features" JSONB NOT NULL DEFAULT '[]',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "subscription_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."subscriptions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "status" "platform"."PlanSubscriptionStatus" NOT NULL DEFAULT 'TRIALING',
    "billing_interval" "platform"."BillingInterval" NOT NULL DEFAULT 'MONTHLY',
    "current_period_start" TIMESTAMPTZ(6) NOT NULL,
    "current_period_end" TIMESTAMPTZ(6) NOT NULL,
    "trial_ends_at" TIMESTAMPTZ(6),
    "cancel_at" TIMESTAMPTZ(6),
    "cancelled_at" TIMESTAMPTZ(6),
    "external_id" VARCHAR(255),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."audit_logs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID,
    "actor_user_id" UUID,
    "actor_api_client_id" UUID,
    "action" VARCHAR(100) NOT NULL,
    "entity_type" VARCHAR(100) NOT NULL,
    "entity_id" UUID,
    "diff" JSONB,
    "request_id" VARCHAR(100),
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(512),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "aggregate_type" VARCHAR(100) NOT NULL,
    "aggregate_id" UUID NOT NULL,
    "event_type" VARCHAR(150) NOT NULL,
    "organization_id" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(6),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."processed_events" (
    "consumer" VARCHAR(100) NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "identity"."users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(255) NOT NULL,
    "password_hash" VARCHAR(255),
    "first_name" VARCHAR(100) NOT NULL,
    "last_name" VARCHAR(100) NOT NULL,
    "phone" VARCHAR(50),
    "avatar_url" TEXT,
    "language" VARCHAR(10) NOT NULL DEFAULT 'sk',
    "mfa_enabled" BOOLEAN NOT NULL DEFAULT false,
    "mfa_secret" VARCHAR(255),
    "status" "identity"."UserStatus" NOT NULL DEFAULT 'ACTIVE',
    "is_super_admin" BOOLEAN NOT NULL DEFAULT false,
    "email_verified_at" TIMESTAMPTZ(6),
    "password_changed_at" TIMESTAMPTZ(6),
    "tokens_valid_after" TIMESTAMPTZ(6),
    "last_login_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."roles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID,
    "key" VARCHAR(64) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" TEXT,
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_system" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."organization_members" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "identity"."MembershipStatus" NOT NULL DEFAULT 'ACTIVE',
    "joined_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "left_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "organization_members_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."user_roles" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "granted_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "organization_id" UUID,
    "family_id" UUID NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL,
    "previous_token_hash" VARCHAR(128),
    "rotated_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "revoked_reason" VARCHAR(64),
    "user_agent" VARCHAR(512),
    "ip" VARCHAR(45),
    "last_used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."delegations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "from_user_id" UUID NOT NULL,
    "to_user_id" UUID NOT NULL,
    "unit_id" UUID,
    "scope" "identity"."DelegationScope" NOT NULL DEFAULT 'VOTING',
    "valid_from" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "valid_to" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "document_key" VARCHAR(512),
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "delegations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."social_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "provider" "identity"."SocialProvider" NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255),
    "last_used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "social_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."api_clients" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "client_id" VARCHAR(64) NOT NULL,
    "secret_hash" VARCHAR(255) NOT NULL,
    "permissions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "quota_per_minute" INTEGER NOT NULL DEFAULT 600,
    "created_by_id" UUID,
    "last_used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "api_clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."one_time_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "purpose" "identity"."OneTimeTokenPurpose" NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "one_time_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."mfa_recovery_codes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "code_hash" VARCHAR(255) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mfa_recovery_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity"."invitations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "role_key" VARCHAR(64) NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL,
    "invited_by_id" UUID,
    "accepted_user_id" UUID,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "accepted_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."buildings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "name" VARCHAR(255),
    "street" VARCHAR(255) NOT NULL,
    "street_number" VARCHAR(50) NOT NULL,
    "city" VARCHAR(100) NOT NULL,
    "district" VARCHAR(100),
    "postal_code" VARCHAR(20) NOT NULL,
    "country" CHAR(2) NOT NULL DEFAULT 'SK',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "year_built" INTEGER,
    "total_units" INTEGER NOT NULL DEFAULT 0,
    "total_floors" INTEGER,
    "share_denominator" INTEGER,
    "cadastral_area" VARCHAR(100),
    "ownership_sheet_number" VARCHAR(50),
    "amenities" JSONB NOT NULL DEFAULT '[]',
    "status" "property"."BuildingStatus" NOT NULL DEFAULT 'ACTIVE',
    "archived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "buildings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."entrances" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "designation" VARCHAR(50) NOT NULL,
    "address_number" VARCHAR(50),
    "street" VARCHAR(255),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "entrances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."units" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "entrance_id" UUID,
    "designation" VARCHAR(50) NOT NULL,
    "floor" INTEGER,
    "size_sqm" DECIMAL(10,2),
    "rooms" INTEGER,
    "type" "property"."UnitType" NOT NULL DEFAULT 'FLAT',
    "share_numerator" INTEGER NOT NULL,
    "share_denominator" INTEGER NOT NULL,
    "status" "property"."UnitStatus" NOT NULL DEFAULT 'ACTIVE',
    "archived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."unit_ownerships" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "share_numerator" INTEGER NOT NULL DEFAULT 1,
    "share_denominator" INTEGER NOT NULL DEFAULT 1,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "unit_ownerships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."unit_occupancies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "property"."OccupancyKind" NOT NULL DEFAULT 'TENANT',
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "unit_occupancies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."faults" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "unit_id" UUID,
    "entrance_id" UUID,
    "reporter_id" UUID NOT NULL,
    "assignee_id" UUID,
    "title" VARCHAR(255) NOT NULL,
    "description" TEXT NOT NULL,
    "category" "property"."FaultCategory" NOT NULL DEFAULT 'OTHER',
    "priority" "property"."FaultPriority" NOT NULL DEFAULT 'MEDIUM',
    "status" "property"."FaultStatus" NOT NULL DEFAULT 'NEW',
    "location_description" VARCHAR(500),
    "resolved_at" TIMESTAMPTZ(6),
    "closed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "faults_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."fault_communications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "fault_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "is_internal" BOOLEAN NOT NULL DEFAULT false,
    "edited_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "fault_communications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."fault_status_history" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "fault_id" UUID NOT NULL,
    "from_status" "property"."FaultStatus",
    "to_status" "property"."FaultStatus" NOT NULL,
    "changed_by_id" UUID,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fault_status_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."fault_attachments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "fault_id" UUID NOT NULL,
    "file_upload_id" UUID,
    "object_key" VARCHAR(512) NOT NULL,
    "file_name" VARCHAR(255),
    "content_type" VARCHAR(127) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "kind" "property"."AttachmentKind" NOT NULL DEFAULT 'PHOTO',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fault_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."announcements" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID,
    "entrance_id" UUID,
    "author_id" UUID NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "body" TEXT NOT NULL,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "comments_enabled" BOOLEAN NOT NULL DEFAULT true,
    "status" "property"."AnnouncementStatus" NOT NULL DEFAULT 'DRAFT',
    "publish_at" TIMESTAMPTZ(6),
    "published_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "announcements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."announcement_comments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "announcement_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "edited_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "announcement_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."announcement_reads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "announcement_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "announcement_reads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."votes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID,
    "title" VARCHAR(255) NOT NULL,
    "question" TEXT,
    "description" TEXT,
    "choice_type" "property"."VoteChoiceType" NOT NULL DEFAULT 'SINGLE',
    "max_choices" INTEGER,
    "matter_type" "property"."VoteMatterType" NOT NULL DEFAULT 'ORDINARY',
    "rule_set_key" VARCHAR(64) NOT NULL DEFAULT 'sk-182-1993',
    "rule_set_version" INTEGER NOT NULL DEFAULT 1,
    "rule_params" JSONB NOT NULL DEFAULT '{}',
    "status" "property"."VoteStatus" NOT NULL DEFAULT 'DRAFT',
    "is_secret" BOOLEAN NOT NULL DEFAULT false,
    "allow_ballot_change" BOOLEAN NOT NULL DEFAULT true,
    "starts_at" TIMESTAMPTZ(6),
    "ends_at" TIMESTAMPTZ(6),
    "created_by_id" UUID NOT NULL,
    "published_at" TIMESTAMPTZ(6),
    "closed_at" TIMESTAMPTZ(6),
    "cancelled_at" TIMESTAMPTZ(6),
    "eligibility_frozen_at" TIMESTAMPTZ(6),
    "tally_version" BIGINT NOT NULL DEFAULT 0,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "votes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."vote_options" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "vote_id" UUID NOT NULL,
    "label" VARCHAR(500) NOT NULL,
    "description" TEXT,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "vote_options_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."vote_eligible_units" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "vote_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "weight_numerator" INTEGER NOT NULL,
    "weight_denominator" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vote_eligible_units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."vote_eligible_voters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "vote_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "share_numerator" INTEGER NOT NULL DEFAULT 1,
    "share_denominator" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vote_eligible_voters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."ballots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "vote_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "cast_by_id" UUID NOT NULL,
    "on_behalf_of_id" UUID,
    "delegation_id" UUID,
    "is_paper" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "cast_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ballots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."ballot_choices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "ballot_id" UUID NOT NULL,
    "vote_id" UUID NOT NULL,
    "option_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ballot_choices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."vote_comments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "vote_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "edited_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "vote_comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."conversations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "kind" "property"."ConversationKind" NOT NULL DEFAULT 'DIRECT',
    "title" VARCHAR(255),
    "building_id" UUID,
    "direct_key" VARCHAR(80),
    "created_by_id" UUID NOT NULL,
    "last_message_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."conversation_participants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "joined_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "left_at" TIMESTAMPTZ(6),
    "last_read_message_id" UUID,
    "last_read_at" TIMESTAMPTZ(6),
    "muted_until" TIMESTAMPTZ(6),

    CONSTRAINT "conversation_participants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "edited_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."message_attachments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "file_upload_id" UUID,
    "object_key" VARCHAR(512) NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "content_type" VARCHAR(127) NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."document_folders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "parent_id" UUID,
    "building_id" UUID,
    "name" VARCHAR(255) NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "document_folders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."documents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "folder_id" UUID,
    "building_id" UUID,
    "title" VARCHAR(255) NOT NULL,
    "description" TEXT,
    "category" VARCHAR(64),
    "current_version_id" UUID,
    "created_by_id" UUID NOT NULL,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."document_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "version_number" INTEGER NOT NULL,
    "file_upload_id" UUID,
    "object_key" VARCHAR(512) NOT NULL,
    "file_name" VARCHAR(255),
    "content_type" VARCHAR(127) NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "checksum" VARCHAR(128),
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."document_shares" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "building_id" UUID,
    "role_key" VARCHAR(64),
    "user_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "document_shares_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."file_uploads" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "purpose" "property"."FileUploadPurpose" NOT NULL,
    "object_key" VARCHAR(512) NOT NULL,
    "file_name" VARCHAR(255),
    "declared_content_type" VARCHAR(127) NOT NULL,
    "declared_size" BIGINT NOT NULL,
    "actual_size" BIGINT,
    "checksum" VARCHAR(128),
    "status" "property"."FileUploadStatus" NOT NULL DEFAULT 'PENDING',
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(6),
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "file_uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."meters" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "building_id" UUID NOT NULL,
    "unit_id" UUID,
    "kind" "property"."MeterKind" NOT NULL,
    "serial_number" VARCHAR(100) NOT NULL,
    "unit_of_measure" VARCHAR(16) NOT NULL,
    "location" VARCHAR(255),
    "installed_at" DATE,
    "removed_at" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "meters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."meter_readings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "meter_id" UUID NOT NULL,
    "value" DECIMAL(14,3) NOT NULL,
    "read_at" TIMESTAMPTZ(6) NOT NULL,
    "source" "property"."MeterReadingSource" NOT NULL DEFAULT 'RESIDENT',
    "submitted_by_id" UUID,
    "verified_by_id" UUID,
    "verified_at" TIMESTAMPTZ(6),
    "photo_key" VARCHAR(512),
    "note" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "meter_readings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."person_months" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "person_count" INTEGER NOT NULL,
    "submitted_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "person_months_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."financial_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "unit_id" UUID,
    "building_id" UUID,
    "kind" "property"."FinancialAccountKind" NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "iban" VARCHAR(34),
    "balance" DECIMAL(15,2) NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "closed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "financial_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."invoices" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "unit_id" UUID,
    "number" VARCHAR(50) NOT NULL,
    "status" "property"."InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
    "issued_at" DATE NOT NULL,
    "due_at" DATE NOT NULL,
    "period_from" DATE,
    "period_to" DATE,
    "subtotal" DECIMAL(15,2) NOT NULL DEFAULT 0,
    "vat_total" DECIMAL(15,2) NOT NULL DEFAULT 0,
    "total" DECIMAL(15,2) NOT NULL,
    "amount_paid" DECIMAL(15,2) NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "variable_symbol" VARCHAR(10),
    "note" TEXT,
    "paid_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."invoice_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "description" VARCHAR(500) NOT NULL,
    "quantity" DECIMAL(14,3) NOT NULL DEFAULT 1,
    "unit_price" DECIMAL(15,2) NOT NULL,
    "vat_rate" DECIMAL(5,2) NOT NULL DEFAULT 0,
    "total" DECIMAL(15,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "invoice_id" UUID,
    "account_id" UUID NOT NULL,
    "amount" DECIMAL(15,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "paid_at" TIMESTAMPTZ(6) NOT NULL,
    "method" "property"."PaymentMethod" NOT NULL DEFAULT 'BANK_TRANSFER',
    "reference" VARCHAR(255),
    "variable_symbol" VARCHAR(10),
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."financial_transactions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "kind" "property"."FinancialTransactionKind" NOT NULL,
    "amount" DECIMAL(15,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "description" VARCHAR(500),
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,
    "invoice_id" UUID,
    "payment_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "financial_transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."reservations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "source" "property"."ReservationSource" NOT NULL DEFAULT 'DIRECT',
    "external_id" VARCHAR(255),
    "status" "property"."ReservationStatus" NOT NULL DEFAULT 'CONFIRMED',
    "guest_count" INTEGER NOT NULL DEFAULT 1,
    "check_in" DATE NOT NULL,
    "check_out" DATE NOT NULL,
    "contact_name" VARCHAR(255),
    "contact_email" VARCHAR(255),
    "contact_phone" VARCHAR(50),
    "total_price" DECIMAL(15,2),
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "note" TEXT,
    "cancelled_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "reservations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."guests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "reservation_id" UUID NOT NULL,
    "first_name" VARCHAR(100) NOT NULL,
    "last_name" VARCHAR(100) NOT NULL,
    "nationality" VARCHAR(3),
    "birth_date" DATE,
    "document_type" "property"."GuestDocumentType",
    "document_number" VARCHAR(50),
    "address" VARCHAR(500),
    "purpose_of_stay" VARCHAR(100),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "guests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."police_registrations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "reservation_id" UUID NOT NULL,
    "guest_id" UUID NOT NULL,
    "status" "property"."PoliceRegistrationStatus" NOT NULL DEFAULT 'PENDING',
    "submitted_at" TIMESTAMPTZ(6),
    "reference" VARCHAR(255),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "police_registrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" VARCHAR(100) NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "body" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "read_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."notification_preferences" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "channel" "property"."NotificationChannel" NOT NULL,
    "event_kind" VARCHAR(100) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "property"."device_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "platform" "property"."DevicePlatform" NOT NULL,
    "token" VARCHAR(512) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."listings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "realtor_id" UUID,
    "agency_id" UUID,
    "organization_id" UUID,
    "unit_id" UUID,
    "external_id" VARCHAR(255),
    "source_checksum" VARCHAR(128),
    "property_type" "reality"."ListingPropertyType" NOT NULL,
    "transaction_type" "reality"."ListingTransactionType" NOT NULL,
    "title" VARCHAR(255) NOT NULL,
    "description" TEXT,
    "description_translations" JSONB NOT NULL DEFAULT '{}',
    "street" VARCHAR(255) NOT NULL,
    "street_number" VARCHAR(50),
    "city" VARCHAR(100) NOT NULL,
    "district" VARCHAR(100),
    "postal_code" VARCHAR(20),
    "country" CHAR(2) NOT NULL DEFAULT 'SK',
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "address_visibility" "reality"."AddressVisibility" NOT NULL DEFAULT 'STREET',
    "price" DECIMAL(15,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "size_sqm" DECIMAL(10,2),
    "land_size_sqm" DECIMAL(12,2),
    "rooms" INTEGER,
    "bathrooms" INTEGER,
    "floor" INTEGER,
    "total_floors" INTEGER,
    "year_built" INTEGER,
    "energy_class" "reality"."EnergyClass",
    "features" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "reality"."ListingStatus" NOT NULL DEFAULT 'DRAFT',
    "is_featured" BOOLEAN NOT NULL DEFAULT false,
    "views_count" INTEGER NOT NULL DEFAULT 0,
    "favorites_count" INTEGER NOT NULL DEFAULT 0,
    "inquiries_count" INTEGER NOT NULL DEFAULT 0,
    "published_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "archived_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "listings_pkey" PRIMARY KEY ("id")
);

-- Hand-written: full-text search over title, description, city and district, diacritics folded
-- ("kosice" finds "Košice"). Declared in schema.prisma as Unsupported("tsvector") with this expression.
ALTER TABLE "reality"."listings" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, platform.immutable_unaccent((((((((COALESCE(title, ''::character varying))::text || ' '::text) || COALESCE(description, ''::text)) || ' '::text) || (COALESCE(city, ''::character varying))::text) || ' '::text) || (COALESCE(district, ''::character varying))::text)))) STORED;

-- CreateTable
CREATE TABLE "reality"."listing_photos" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "listing_id" UUID NOT NULL,
    "object_key" VARCHAR(512) NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "width" INTEGER,
    "height" INTEGER,
    "content_type" VARCHAR(127) NOT NULL,
    "size_bytes" INTEGER,
    "caption" VARCHAR(255),
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "listing_photos_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."listing_features" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" VARCHAR(64) NOT NULL,
    "category" VARCHAR(64),
    "labels" JSONB NOT NULL DEFAULT '{}',
    "position" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "listing_features_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."listing_price_history" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "listing_id" UUID NOT NULL,
    "old_price" DECIMAL(15,2),
    "new_price" DECIMAL(15,2) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_by_realtor_id" UUID,
    "import_run_id" UUID,

    CONSTRAINT "listing_price_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."agencies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(255) NOT NULL,
    "slug" VARCHAR(100) NOT NULL,
    "ico" VARCHAR(20),
    "email" VARCHAR(255),
    "phone" VARCHAR(50),
    "website" VARCHAR(500),
    "logo_key" VARCHAR(512),
    "description" TEXT,
    "street" VARCHAR(255),
    "city" VARCHAR(100),
    "postal_code" VARCHAR(20),
    "country" CHAR(2) NOT NULL DEFAULT 'SK',
    "status" "reality"."AgencyStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "agencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."agency_realtors" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agency_id" UUID NOT NULL,
    "realtor_id" UUID NOT NULL,
    "role" "reality"."AgencyRealtorRole" NOT NULL DEFAULT 'MEMBER',
    "joined_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "left_at" TIMESTAMPTZ(6),

    CONSTRAINT "agency_realtors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."realtors" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portal_user_id" UUID,
    "display_name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(255),
    "phone" VARCHAR(50),
    "bio" TEXT,
    "photo_key" VARCHAR(512),
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "reality"."RealtorStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "realtors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."realtor_licenses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "realtor_id" UUID NOT NULL,
    "number" VARCHAR(100) NOT NULL,
    "issuer" VARCHAR(255) NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE,
    "verified_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "realtor_licenses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."portal_users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" VARCHAR(255) NOT NULL,
    "password_hash" VARCHAR(255),
    "name" VARCHAR(200) NOT NULL,
    "phone" VARCHAR(50),
    "language" VARCHAR(10) NOT NULL DEFAULT 'sk',
    "status" "reality"."PortalUserStatus" NOT NULL DEFAULT 'ACTIVE',
    "email_verified_at" TIMESTAMPTZ(6),
    "password_changed_at" TIMESTAMPTZ(6),
    "tokens_valid_after" TIMESTAMPTZ(6),
    "last_login_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "portal_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."portal_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portal_user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL,
    "previous_token_hash" VARCHAR(128),
    "rotated_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "revoked_reason" VARCHAR(64),
    "user_agent" VARCHAR(512),
    "ip" VARCHAR(45),
    "last_used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."portal_social_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portal_user_id" UUID NOT NULL,
    "provider" "reality"."PortalAuthProvider" NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255),
    "last_used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_social_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."portal_one_time_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portal_user_id" UUID NOT NULL,
    "purpose" "reality"."PortalTokenPurpose" NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_one_time_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."favorites" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portal_user_id" UUID NOT NULL,
    "listing_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "favorites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."saved_searches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portal_user_id" UUID NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "filter" JSONB NOT NULL DEFAULT '{}',
    "notify" BOOLEAN NOT NULL DEFAULT true,
    "frequency" "reality"."SavedSearchFrequency" NOT NULL DEFAULT 'DAILY',
    "last_notified_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "saved_searches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."inquiries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "listing_id" UUID NOT NULL,
    "portal_user_id" UUID,
    "name" VARCHAR(200) NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "phone" VARCHAR(50),
    "message" TEXT NOT NULL,
    "status" "reality"."InquiryStatus" NOT NULL DEFAULT 'NEW',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "inquiries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."inquiry_responses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "inquiry_id" UUID NOT NULL,
    "realtor_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inquiry_responses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."viewings" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "listing_id" UUID NOT NULL,
    "portal_user_id" UUID NOT NULL,
    "realtor_id" UUID,
    "proposed_times" TIMESTAMPTZ(6)[],
    "confirmed_time" TIMESTAMPTZ(6),
    "status" "reality"."ViewingStatus" NOT NULL DEFAULT 'REQUESTED',
    "message" TEXT,
    "responded_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "viewings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."property_imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agency_id" UUID NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "format" "reality"."ImportFormat" NOT NULL DEFAULT 'JSON',
    "source_url" VARCHAR(2048),
    "schedule" VARCHAR(100),
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "last_run_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "property_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."import_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "import_id" UUID,
    "agency_id" UUID NOT NULL,
    "status" "reality"."ImportRunStatus" NOT NULL DEFAULT 'QUEUED',
    "is_full_feed" BOOLEAN NOT NULL DEFAULT false,
    "started_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),
    "created_count" INTEGER NOT NULL DEFAULT 0,
    "updated_count" INTEGER NOT NULL DEFAULT 0,
    "unchanged_count" INTEGER NOT NULL DEFAULT 0,
    "archived_count" INTEGER NOT NULL DEFAULT 0,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "import_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reality"."listing_stats_daily" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "listing_id" UUID NOT NULL,
    "agency_id" UUID,
    "day" DATE NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "favorites" INTEGER NOT NULL DEFAULT 0,
    "inquiries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "listing_stats_daily_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "platform"."organizations"("slug");

-- CreateIndex
CREATE INDEX "organizations_status_idx" ON "platform"."organizations"("status");

-- CreateIndex
CREATE INDEX "organizations_type_status_idx" ON "platform"."organizations"("type", "status");

-- CreateIndex
CREATE UNIQUE INDEX "subscription_plans_key_key" ON "platform"."subscription_plans"("key");

-- CreateIndex
CREATE INDEX "subscription_plans_is_active_position_idx" ON "platform"."subscription_plans"("is_active", "position");

-- CreateIndex
CREATE UNIQUE INDEX "subscriptions_external_id_key" ON "platform"."subscriptions"("external_id");

-- CreateIndex
CREATE INDEX "subscriptions_organization_id_status_idx" ON "platform"."subscriptions"("organization_id", "status");

-- CreateIndex
CREATE INDEX "subscriptions_plan_id_idx" ON "platform"."subscriptions"("plan_id");

-- CreateIndex
CREATE INDEX "subscriptions_status_current_period_end_idx" ON "platform"."subscriptions"("status", "current_period_end");

-- CreateIndex
CREATE INDEX "audit_logs_organization_id_created_at_idx" ON "platform"."audit_logs"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_entity_type_entity_id_created_at_idx" ON "platform"."audit_logs"("entity_type", "entity_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_actor_user_id_created_at_idx" ON "platform"."audit_logs"("actor_user_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_actor_api_client_id_created_at_idx" ON "platform"."audit_logs"("actor_api_client_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_request_id_idx" ON "platform"."audit_logs"("request_id");

-- CreateIndex
CREATE INDEX "outbox_published_at_created_at_idx" ON "platform"."outbox"("published_at" ASC, "created_at");

-- CreateIndex
CREATE INDEX "outbox_aggregate_type_aggregate_id_created_at_idx" ON "platform"."outbox"("aggregate_type", "aggregate_id", "created_at");

-- CreateIndex
CREATE INDEX "outbox_organization_id_created_at_idx" ON "platform"."outbox"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "processed_events_processed_at_idx" ON "platform"."processed_events"("processed_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "identity"."users"("email");

-- CreateIndex
CREATE INDEX "users_status_idx" ON "identity"."users"("status");

-- CreateIndex
CREATE INDEX "users_last_name_first_name_idx" ON "identity"."users"("last_name", "first_name");

-- CreateIndex
CREATE INDEX "roles_key_idx" ON "identity"."roles"("key");

-- CreateIndex
CREATE UNIQUE INDEX "roles_organization_id_key_key" ON "identity"."roles"("organization_id", "key");

-- CreateIndex
CREATE INDEX "organization_members_organization_id_status_idx" ON "identity"."organization_members"("organization_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "organization_members_user_id_organization_id_key" ON "identity"."organization_members"("user_id", "organization_id");

-- CreateIndex
CREATE INDEX "user_roles_organization_id_role_id_idx" ON "identity"."user_roles"("organization_id", "role_id");

-- CreateIndex
CREATE INDEX "user_roles_role_id_idx" ON "identity"."user_roles"("role_id");

-- CreateIndex
CREATE UNIQUE INDEX "user_roles_user_id_organization_id_role_id_key" ON "identity"."user_roles"("user_id", "organization_id", "role_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "identity"."sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_revoked_at_idx" ON "identity"."sessions"("user_id", "revoked_at");

-- CreateIndex
CREATE INDEX "sessions_family_id_idx" ON "identity"."sessions"("family_id");

-- CreateIndex
CREATE INDEX "sessions_previous_token_hash_idx" ON "identity"."sessions"("previous_token_hash");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "identity"."sessions"("expires_at");

-- CreateIndex
CREATE INDEX "sessions_organization_id_idx" ON "identity"."sessions"("organization_id");

-- CreateIndex
CREATE INDEX "delegations_organization_id_to_user_id_idx" ON "identity"."delegations"("organization_id", "to_user_id");

-- CreateIndex
CREATE INDEX "delegations_organization_id_from_user_id_idx" ON "identity"."delegations"("organization_id", "from_user_id");

-- CreateIndex
CREATE INDEX "delegations_to_user_id_scope_idx" ON "identity"."delegations"("to_user_id", "scope");

-- CreateIndex
CREATE INDEX "delegations_unit_id_idx" ON "identity"."delegations"("unit_id");

-- CreateIndex
CREATE INDEX "social_accounts_user_id_idx" ON "identity"."social_accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "social_accounts_provider_subject_key" ON "identity"."social_accounts"("provider", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "api_clients_client_id_key" ON "identity"."api_clients"("client_id");

-- CreateIndex
CREATE INDEX "api_clients_organization_id_revoked_at_idx" ON "identity"."api_clients"("organization_id", "revoked_at");

-- CreateIndex
CREATE UNIQUE INDEX "one_time_tokens_token_hash_key" ON "identity"."one_time_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "one_time_tokens_user_id_purpose_idx" ON "identity"."one_time_tokens"("user_id", "purpose");

-- CreateIndex
CREATE INDEX "one_time_tokens_expires_at_idx" ON "identity"."one_time_tokens"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "mfa_recovery_codes_user_id_code_hash_key" ON "identity"."mfa_recovery_codes"("user_id", "code_hash");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "identity"."invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_organization_id_email_idx" ON "identity"."invitations"("organization_id", "email");

-- CreateIndex
CREATE INDEX "invitations_email_idx" ON "identity"."invitations"("email");

-- CreateIndex
CREATE INDEX "invitations_expires_at_idx" ON "identity"."invitations"("expires_at");

-- CreateIndex
CREATE INDEX "buildings_organization_id_status_idx" ON "property"."buildings"("organization_id", "status");

-- CreateIndex
CREATE INDEX "buildings_organization_id_created_at_idx" ON "property"."buildings"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "buildings_organization_id_city_idx" ON "property"."buildings"("organization_id", "city");

-- CreateIndex
CREATE INDEX "buildings_city_idx" ON "property"."buildings"("city");

-- CreateIndex
CREATE INDEX "entrances_organization_id_building_id_idx" ON "property"."entrances"("organization_id", "building_id");

-- CreateIndex
CREATE UNIQUE INDEX "entrances_building_id_designation_key" ON "property"."entrances"("building_id", "designation");

-- CreateIndex
CREATE INDEX "units_organization_id_status_idx" ON "property"."units"("organization_id", "status");

-- CreateIndex
CREATE INDEX "units_organization_id_building_id_idx" ON "property"."units"("organization_id", "building_id");

-- CreateIndex
CREATE INDEX "units_entrance_id_idx" ON "property"."units"("entrance_id");

-- CreateIndex
CREATE UNIQUE INDEX "units_building_id_designation_key" ON "property"."units"("building_id", "designation");

-- CreateIndex
CREATE INDEX "unit_ownerships_organization_id_unit_id_idx" ON "property"."unit_ownerships"("organization_id", "unit_id");

-- CreateIndex
CREATE INDEX "unit_ownerships_organization_id_user_id_idx" ON "property"."unit_ownerships"("organization_id", "user_id");

-- CreateIndex
CREATE INDEX "unit_ownerships_unit_id_valid_from_idx" ON "property"."unit_ownerships"("unit_id", "valid_from");

-- CreateIndex
CREATE INDEX "unit_ownerships_user_id_idx" ON "property"."unit_ownerships"("user_id");

-- CreateIndex
CREATE INDEX "unit_occupancies_organization_id_unit_id_idx" ON "property"."unit_occupancies"("organization_id", "unit_id");

-- CreateIndex
CREATE INDEX "unit_occupancies_organization_id_user_id_idx" ON "property"."unit_occupancies"("organization_id", "user_id");

-- CreateIndex
CREATE INDEX "unit_occupancies_user_id_idx" ON "property"."unit_occupancies"("user_id");

-- CreateIndex
CREATE INDEX "faults_organization_id_status_idx" ON "property"."faults"("organization_id", "status");

-- CreateIndex
CREATE INDEX "faults_organization_id_created_at_idx" ON "property"."faults"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "faults_organization_id_priority_status_idx" ON "property"."faults"("organization_id", "priority", "status");

-- CreateIndex
CREATE INDEX "faults_building_id_status_idx" ON "property"."faults"("building_id", "status");

-- CreateIndex
CREATE INDEX "faults_unit_id_idx" ON "property"."faults"("unit_id");

-- CreateIndex
CREATE INDEX "faults_reporter_id_created_at_idx" ON "property"."faults"("reporter_id", "created_at");

-- CreateIndex
CREATE INDEX "faults_assignee_id_status_idx" ON "property"."faults"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "fault_communications_fault_id_created_at_idx" ON "property"."fault_communications"("fault_id", "created_at");

-- CreateIndex
CREATE INDEX "fault_communications_organization_id_created_at_idx" ON "property"."fault_communications"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "fault_status_history_fault_id_created_at_idx" ON "property"."fault_status_history"("fault_id", "created_at");

-- CreateIndex
CREATE INDEX "fault_status_history_organization_id_created_at_idx" ON "property"."fault_status_history"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "fault_attachments_fault_id_idx" ON "property"."fault_attachments"("fault_id");

-- CreateIndex
CREATE INDEX "fault_attachments_organization_id_created_at_idx" ON "property"."fault_attachments"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "fault_attachments_file_upload_id_idx" ON "property"."fault_attachments"("file_upload_id");

-- CreateIndex
CREATE INDEX "announcements_organization_id_status_published_at_idx" ON "property"."announcements"("organization_id", "status", "published_at");

-- CreateIndex
CREATE INDEX "announcements_organization_id_created_at_idx" ON "property"."announcements"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "announcements_building_id_status_published_at_idx" ON "property"."announcements"("building_id", "status", "published_at");

-- CreateIndex
CREATE INDEX "announcements_entrance_id_idx" ON "property"."announcements"("entrance_id");

-- CreateIndex
CREATE INDEX "announcements_status_publish_at_idx" ON "property"."announcements"("status", "publish_at");

-- CreateIndex
CREATE INDEX "announcement_comments_announcement_id_created_at_id_idx" ON "property"."announcement_comments"("announcement_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "announcement_comments_organization_id_created_at_idx" ON "property"."announcement_comments"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "announcement_reads_organization_id_user_id_idx" ON "property"."announcement_reads"("organization_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "announcement_reads_announcement_id_user_id_key" ON "property"."announcement_reads"("announcement_id", "user_id");

-- CreateIndex
CREATE INDEX "votes_organization_id_status_idx" ON "property"."votes"("organization_id", "status");

-- CreateIndex
CREATE INDEX "votes_organization_id_created_at_idx" ON "property"."votes"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "votes_building_id_status_idx" ON "property"."votes"("building_id", "status");

-- CreateIndex
CREATE INDEX "votes_status_ends_at_idx" ON "property"."votes"("status", "ends_at");

-- CreateIndex
CREATE INDEX "vote_options_organization_id_vote_id_idx" ON "property"."vote_options"("organization_id", "vote_id");

-- CreateIndex
CREATE UNIQUE INDEX "vote_options_vote_id_position_key" ON "property"."vote_options"("vote_id", "position");

-- CreateIndex
CREATE INDEX "vote_eligible_units_organization_id_vote_id_idx" ON "property"."vote_eligible_units"("organization_id", "vote_id");

-- CreateIndex
CREATE INDEX "vote_eligible_units_unit_id_idx" ON "property"."vote_eligible_units"("unit_id");

-- CreateIndex
CREATE UNIQUE INDEX "vote_eligible_units_vote_id_unit_id_key" ON "property"."vote_eligible_units"("vote_id", "unit_id");

-- CreateIndex
CREATE INDEX "vote_eligible_voters_organization_id_vote_id_idx" ON "property"."vote_eligible_voters"("organization_id", "vote_id");

-- CreateIndex
CREATE INDEX "vote_eligible_voters_user_id_vote_id_idx" ON "property"."vote_eligible_voters"("user_id", "vote_id");

-- CreateIndex
CREATE UNIQUE INDEX "vote_eligible_voters_vote_id_unit_id_user_id_key" ON "property"."vote_eligible_voters"("vote_id", "unit_id", "user_id");

-- CreateIndex
CREATE INDEX "ballots_organization_id_vote_id_idx" ON "property"."ballots"("organization_id", "vote_id");

-- CreateIndex
CREATE INDEX "ballots_organization_id_created_at_idx" ON "property"."ballots"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "ballots_cast_by_id_idx" ON "property"."ballots"("cast_by_id");

-- CreateIndex
CREATE INDEX "ballots_unit_id_idx" ON "property"."ballots"("unit_id");

-- CreateIndex
CREATE INDEX "ballots_delegation_id_idx" ON "property"."ballots"("delegation_id");

-- CreateIndex
CREATE UNIQUE INDEX "ballots_vote_id_unit_id_key" ON "property"."ballots"("vote_id", "unit_id");

-- CreateIndex
CREATE INDEX "ballot_choices_vote_id_option_id_idx" ON "property"."ballot_choices"("vote_id", "option_id");

-- CreateIndex
CREATE INDEX "ballot_choices_organization_id_vote_id_idx" ON "property"."ballot_choices"("organization_id", "vote_id");

-- CreateIndex
CREATE INDEX "ballot_choices_option_id_idx" ON "property"."ballot_choices"("option_id");

-- CreateIndex
CREATE UNIQUE INDEX "ballot_choices_ballot_id_option_id_key" ON "property"."ballot_choices"("ballot_id", "option_id");

-- CreateIndex
CREATE INDEX "vote_comments_vote_id_created_at_id_idx" ON "property"."vote_comments"("vote_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "vote_comments_organization_id_created_at_idx" ON "property"."vote_comments"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "conversations_organization_id_last_message_at_idx" ON "property"."conversations"("organization_id", "last_message_at");

-- CreateIndex
CREATE INDEX "conversations_organization_id_created_at_idx" ON "property"."conversations"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "conversations_building_id_idx" ON "property"."conversations"("building_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_organization_id_direct_key_key" ON "property"."conversations"("organization_id", "direct_key");

-- CreateIndex
CREATE INDEX "conversation_participants_organization_id_user_id_idx" ON "property"."conversation_participants"("organization_id", "user_id");

-- CreateIndex
CREATE INDEX "conversation_participants_user_id_left_at_idx" ON "property"."conversation_participants"("user_id", "left_at");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_participants_conversation_id_user_id_key" ON "property"."conversation_participants"("conversation_id", "user_id");

-- CreateIndex
CREATE INDEX "messages_conversation_id_created_at_id_idx" ON "property"."messages"("conversation_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "messages_organization_id_created_at_idx" ON "property"."messages"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "messages_sender_id_idx" ON "property"."messages"("sender_id");

-- CreateIndex
CREATE INDEX "message_attachments_message_id_idx" ON "property"."message_attachments"("message_id");

-- CreateIndex
CREATE INDEX "message_attachments_organization_id_created_at_idx" ON "property"."message_attachments"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "message_attachments_file_upload_id_idx" ON "property"."message_attachments"("file_upload_id");

-- CreateIndex
CREATE INDEX "document_folders_organization_id_parent_id_idx" ON "property"."document_folders"("organization_id", "parent_id");

-- CreateIndex
CREATE INDEX "document_folders_parent_id_idx" ON "property"."document_folders"("parent_id");

-- CreateIndex
CREATE INDEX "document_folders_building_id_idx" ON "property"."document_folders"("building_id");

-- CreateIndex
CREATE UNIQUE INDEX "documents_current_version_id_key" ON "property"."documents"("current_version_id");

-- CreateIndex
CREATE INDEX "documents_organization_id_folder_id_idx" ON "property"."documents"("organization_id", "folder_id");

-- CreateIndex
CREATE INDEX "documents_organization_id_created_at_idx" ON "property"."documents"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "documents_building_id_idx" ON "property"."documents"("building_id");

-- CreateIndex
CREATE INDEX "documents_folder_id_idx" ON "property"."documents"("folder_id");

-- CreateIndex
CREATE INDEX "document_versions_organization_id_created_at_idx" ON "property"."document_versions"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "document_versions_file_upload_id_idx" ON "property"."document_versions"("file_upload_id");

-- CreateIndex
CREATE UNIQUE INDEX "document_versions_document_id_version_number_key" ON "property"."document_versions"("document_id", "version_number");

-- CreateIndex
CREATE INDEX "document_shares_document_id_idx" ON "property"."document_shares"("document_id");

-- CreateIndex
CREATE INDEX "document_shares_organization_id_building_id_idx" ON "property"."document_shares"("organization_id", "building_id");

-- CreateIndex
CREATE INDEX "document_shares_organization_id_role_key_idx" ON "property"."document_shares"("organization_id", "role_key");

-- CreateIndex
CREATE INDEX "document_shares_organization_id_user_id_idx" ON "property"."document_shares"("organization_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "file_uploads_object_key_key" ON "property"."file_uploads"("object_key");

-- CreateIndex
CREATE INDEX "file_uploads_organization_id_status_idx" ON "property"."file_uploads"("organization_id", "status");

-- CreateIndex
CREATE INDEX "file_uploads_organization_id_created_at_idx" ON "property"."file_uploads"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "file_uploads_status_expires_at_idx" ON "property"."file_uploads"("status", "expires_at");

-- CreateIndex
CREATE INDEX "file_uploads_uploaded_by_id_idx" ON "property"."file_uploads"("uploaded_by_id");

-- CreateIndex
CREATE INDEX "meters_organization_id_building_id_idx" ON "property"."meters"("organization_id", "building_id");

-- CreateIndex
CREATE INDEX "meters_unit_id_idx" ON "property"."meters"("unit_id");

-- CreateIndex
CREATE INDEX "meters_building_id_kind_idx" ON "property"."meters"("building_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "meters_organization_id_kind_serial_number_key" ON "property"."meters"("organization_id", "kind", "serial_number");

-- CreateIndex
CREATE INDEX "meter_readings_meter_id_read_at_idx" ON "property"."meter_readings"("meter_id", "read_at");

-- CreateIndex
CREATE INDEX "meter_readings_organization_id_read_at_idx" ON "property"."meter_readings"("organization_id", "read_at");

-- CreateIndex
CREATE INDEX "meter_readings_organization_id_verified_at_idx" ON "property"."meter_readings"("organization_id", "verified_at");

-- CreateIndex
CREATE INDEX "person_months_organization_id_year_month_idx" ON "property"."person_months"("organization_id", "year", "month");

-- CreateIndex
CREATE UNIQUE INDEX "person_months_unit_id_year_month_key" ON "property"."person_months"("unit_id", "year", "month");

-- CreateIndex
CREATE INDEX "financial_accounts_organization_id_kind_idx" ON "property"."financial_accounts"("organization_id", "kind");

-- CreateIndex
CREATE INDEX "financial_accounts_unit_id_idx" ON "property"."financial_accounts"("unit_id");

-- CreateIndex
CREATE INDEX "financial_accounts_building_id_idx" ON "property"."financial_accounts"("building_id");

-- CreateIndex
CREATE INDEX "invoices_organization_id_status_idx" ON "property"."invoices"("organization_id", "status");

-- CreateIndex
CREATE INDEX "invoices_organization_id_created_at_idx" ON "property"."invoices"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "invoices_organization_id_variable_symbol_idx" ON "property"."invoices"("organization_id", "variable_symbol");

-- CreateIndex
CREATE INDEX "invoices_account_id_issued_at_idx" ON "property"."invoices"("account_id", "issued_at");

-- CreateIndex
CREATE INDEX "invoices_unit_id_issued_at_idx" ON "property"."invoices"("unit_id", "issued_at");

-- CreateIndex
CREATE INDEX "invoices_status_due_at_idx" ON "property"."invoices"("status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_organization_id_number_key" ON "property"."invoices"("organization_id", "number");

-- CreateIndex
CREATE INDEX "invoice_items_invoice_id_position_idx" ON "property"."invoice_items"("invoice_id", "position");

-- CreateIndex
CREATE INDEX "invoice_items_organization_id_invoice_id_idx" ON "property"."invoice_items"("organization_id", "invoice_id");

-- CreateIndex
CREATE INDEX "payments_organization_id_paid_at_idx" ON "property"."payments"("organization_id", "paid_at");

-- CreateIndex
CREATE INDEX "payments_organization_id_created_at_idx" ON "property"."payments"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "payments_invoice_id_idx" ON "property"."payments"("invoice_id");

-- CreateIndex
CREATE INDEX "payments_account_id_paid_at_idx" ON "property"."payments"("account_id", "paid_at");

-- CreateIndex
CREATE INDEX "payments_organization_id_reference_idx" ON "property"."payments"("organization_id", "reference");

-- CreateIndex
CREATE INDEX "financial_transactions_account_id_occurred_at_idx" ON "property"."financial_transactions"("account_id", "occurred_at");

-- CreateIndex
CREATE INDEX "financial_transactions_organization_id_occurred_at_idx" ON "property"."financial_transactions"("organization_id", "occurred_at");

-- CreateIndex
CREATE INDEX "financial_transactions_organization_id_created_at_idx" ON "property"."financial_transactions"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "financial_transactions_invoice_id_idx" ON "property"."financial_transactions"("invoice_id");

-- CreateIndex
CREATE INDEX "financial_transactions_payment_id_idx" ON "property"."financial_transactions"("payment_id");

-- CreateIndex
CREATE INDEX "reservations_organization_id_status_idx" ON "property"."reservations"("organization_id", "status");

-- CreateIndex
CREATE INDEX "reservations_organization_id_check_in_idx" ON "property"."reservations"("organization_id", "check_in");

-- CreateIndex
CREATE INDEX "reservations_unit_id_check_in_idx" ON "property"."reservations"("unit_id", "check_in");

-- CreateIndex
CREATE UNIQUE INDEX "reservations_organization_id_source_external_id_key" ON "property"."reservations"("organization_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "guests_reservation_id_idx" ON "property"."guests"("reservation_id");

-- CreateIndex
CREATE INDEX "guests_organization_id_created_at_idx" ON "property"."guests"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "police_registrations_organization_id_status_idx" ON "property"."police_registrations"("organization_id", "status");

-- CreateIndex
CREATE INDEX "police_registrations_guest_id_idx" ON "property"."police_registrations"("guest_id");

-- CreateIndex
CREATE UNIQUE INDEX "police_registrations_reservation_id_guest_id_key" ON "property"."police_registrations"("reservation_id", "guest_id");

-- CreateIndex
CREATE INDEX "notifications_organization_id_user_id_created_at_idx" ON "property"."notifications"("organization_id", "user_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_idx" ON "property"."notifications"("user_id", "read_at");

-- CreateIndex
CREATE INDEX "notifications_organization_id_created_at_idx" ON "property"."notifications"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "notification_preferences_user_id_idx" ON "property"."notification_preferences"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_preferences_organization_id_user_id_channel_ev_key" ON "property"."notification_preferences"("organization_id", "user_id", "channel", "event_kind");

-- CreateIndex
CREATE INDEX "device_tokens_organization_id_user_id_idx" ON "property"."device_tokens"("organization_id", "user_id");

-- CreateIndex
CREATE INDEX "device_tokens_user_id_idx" ON "property"."device_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "device_tokens_organization_id_token_key" ON "property"."device_tokens"("organization_id", "token");

-- CreateIndex
CREATE INDEX "listings_status_published_at_id_idx" ON "reality"."listings"("status", "published_at", "id");

-- CreateIndex
CREATE INDEX "listings_property_type_transaction_type_status_idx" ON "reality"."listings"("property_type", "transaction_type", "status");

-- CreateIndex
CREATE INDEX "listings_city_idx" ON "reality"."listings"("city");

-- CreateIndex
CREATE INDEX "listings_district_idx" ON "reality"."listings"("district");

-- CreateIndex
CREATE INDEX "listings_price_idx" ON "reality"."listings"("price");

-- CreateIndex
CREATE INDEX "listings_status_price_idx" ON "reality"."listings"("status", "price");

-- CreateIndex
CREATE INDEX "listings_realtor_id_status_idx" ON "reality"."listings"("realtor_id", "status");

-- CreateIndex
CREATE INDEX "listings_agency_id_status_idx" ON "reality"."listings"("agency_id", "status");

-- CreateIndex
CREATE INDEX "listings_organization_id_status_idx" ON "reality"."listings"("organization_id", "status");

-- CreateIndex
CREATE INDEX "listings_unit_id_idx" ON "reality"."listings"("unit_id");

-- CreateIndex
CREATE INDEX "listings_status_expires_at_idx" ON "reality"."listings"("status", "expires_at");

-- CreateIndex
CREATE INDEX "listings_features_idx" ON "reality"."listings" USING GIN ("features");

-- CreateIndex
CREATE INDEX "listings_search_vector_idx" ON "reality"."listings" USING GIN ("search_vector");

-- CreateIndex
CREATE UNIQUE INDEX "listings_agency_id_external_id_key" ON "reality"."listings"("agency_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "listing_photos_object_key_key" ON "reality"."listing_photos"("object_key");

-- CreateIndex
CREATE INDEX "listing_photos_listing_id_position_idx" ON "reality"."listing_photos"("listing_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "listing_features_key_key" ON "reality"."listing_features"("key");

-- CreateIndex
CREATE INDEX "listing_features_category_position_idx" ON "reality"."listing_features"("category", "position");

-- CreateIndex
CREATE INDEX "listing_price_history_listing_id_changed_at_idx" ON "reality"."listing_price_history"("listing_id", "changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "agencies_slug_key" ON "reality"."agencies"("slug");

-- CreateIndex
CREATE INDEX "agencies_status_idx" ON "reality"."agencies"("status");

-- CreateIndex
CREATE INDEX "agencies_city_idx" ON "reality"."agencies"("city");

-- CreateIndex
CREATE INDEX "agencies_ico_idx" ON "reality"."agencies"("ico");

-- CreateIndex
CREATE INDEX "agency_realtors_realtor_id_idx" ON "reality"."agency_realtors"("realtor_id");

-- CreateIndex
CREATE UNIQUE INDEX "agency_realtors_agency_id_realtor_id_key" ON "reality"."agency_realtors"("agency_id", "realtor_id");

-- CreateIndex
CREATE UNIQUE INDEX "realtors_portal_user_id_key" ON "reality"."realtors"("portal_user_id");

-- CreateIndex
CREATE INDEX "realtors_status_idx" ON "reality"."realtors"("status");

-- CreateIndex
CREATE INDEX "realtors_email_idx" ON "reality"."realtors"("email");

-- CreateIndex
CREATE INDEX "realtor_licenses_realtor_id_idx" ON "reality"."realtor_licenses"("realtor_id");

-- CreateIndex
CREATE UNIQUE INDEX "realtor_licenses_issuer_number_key" ON "reality"."realtor_licenses"("issuer", "number");

-- CreateIndex
CREATE UNIQUE INDEX "portal_users_email_key" ON "reality"."portal_users"("email");

-- CreateIndex
CREATE INDEX "portal_users_status_idx" ON "reality"."portal_users"("status");

-- CreateIndex
CREATE UNIQUE INDEX "portal_sessions_token_hash_key" ON "reality"."portal_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "portal_sessions_portal_user_id_revoked_at_idx" ON "reality"."portal_sessions"("portal_user_id", "revoked_at");

-- CreateIndex
CREATE INDEX "portal_sessions_family_id_idx" ON "reality"."portal_sessions"("family_id");

-- CreateIndex
CREATE INDEX "portal_sessions_previous_token_hash_idx" ON "reality"."portal_sessions"("previous_token_hash");

-- CreateIndex
CREATE INDEX "portal_sessions_expires_at_idx" ON "reality"."portal_sessions"("expires_at");

-- CreateIndex
CREATE INDEX "portal_social_accounts_portal_user_id_idx" ON "reality"."portal_social_accounts"("portal_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "portal_social_accounts_provider_subject_key" ON "reality"."portal_social_accounts"("provider", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "portal_one_time_tokens_token_hash_key" ON "reality"."portal_one_time_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "portal_one_time_tokens_portal_user_id_purpose_idx" ON "reality"."portal_one_time_tokens"("portal_user_id", "purpose");

-- CreateIndex
CREATE INDEX "portal_one_time_tokens_expires_at_idx" ON "reality"."portal_one_time_tokens"("expires_at");

-- CreateIndex
CREATE INDEX "favorites_portal_user_id_created_at_idx" ON "reality"."favorites"("portal_user_id", "created_at");

-- CreateIndex
CREATE INDEX "favorites_listing_id_idx" ON "reality"."favorites"("listing_id");

-- CreateIndex
CREATE UNIQUE INDEX "favorites_portal_user_id_listing_id_key" ON "reality"."favorites"("portal_user_id", "listing_id");

-- CreateIndex
CREATE INDEX "saved_searches_portal_user_id_created_at_idx" ON "reality"."saved_searches"("portal_user_id", "created_at");

-- CreateIndex
CREATE INDEX "saved_searches_notify_frequency_last_notified_at_idx" ON "reality"."saved_searches"("notify", "frequency", "last_notified_at");

-- CreateIndex
CREATE INDEX "inquiries_listing_id_created_at_idx" ON "reality"."inquiries"("listing_id", "created_at");

-- CreateIndex
CREATE INDEX "inquiries_listing_id_status_idx" ON "reality"."inquiries"("listing_id", "status");

-- CreateIndex
CREATE INDEX "inquiries_portal_user_id_created_at_idx" ON "reality"."inquiries"("portal_user_id", "created_at");

-- CreateIndex
CREATE INDEX "inquiry_responses_inquiry_id_created_at_idx" ON "reality"."inquiry_responses"("inquiry_id", "created_at");

-- CreateIndex
CREATE INDEX "inquiry_responses_realtor_id_idx" ON "reality"."inquiry_responses"("realtor_id");

-- CreateIndex
CREATE INDEX "viewings_listing_id_status_idx" ON "reality"."viewings"("listing_id", "status");

-- CreateIndex
CREATE INDEX "viewings_portal_user_id_created_at_idx" ON "reality"."viewings"("portal_user_id", "created_at");

-- CreateIndex
CREATE INDEX "viewings_realtor_id_status_confirmed_time_idx" ON "reality"."viewings"("realtor_id", "status", "confirmed_time");

-- CreateIndex
CREATE INDEX "property_imports_agency_id_idx" ON "reality"."property_imports"("agency_id");

-- CreateIndex
CREATE INDEX "property_imports_is_active_last_run_at_idx" ON "reality"."property_imports"("is_active", "last_run_at");

-- CreateIndex
CREATE INDEX "import_runs_agency_id_started_at_idx" ON "reality"."import_runs"("agency_id", "started_at");

-- CreateIndex
CREATE INDEX "import_runs_import_id_started_at_idx" ON "reality"."import_runs"("import_id", "started_at");

-- CreateIndex
CREATE INDEX "import_runs_status_idx" ON "reality"."import_runs"("status");

-- CreateIndex
CREATE INDEX "listing_stats_daily_agency_id_day_idx" ON "reality"."listing_stats_daily"("agency_id", "day");

-- CreateIndex
CREATE INDEX "listing_stats_daily_day_idx" ON "reality"."listing_stats_daily"("day");

-- CreateIndex
CREATE UNIQUE INDEX "listing_stats_daily_listing_id_day_key" ON "reality"."listing_stats_daily"("listing_id", "day");

-- AddForeignKey
ALTER TABLE "platform"."subscriptions" ADD CONSTRAINT "subscriptions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform"."subscriptions" ADD CONSTRAINT "subscriptions_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "platform"."subscription_plans"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."roles" ADD CONSTRAINT "roles_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."organization_members" ADD CONSTRAINT "organization_members_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."organization_members" ADD CONSTRAINT "organization_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."user_roles" ADD CONSTRAINT "user_roles_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."user_roles" ADD CONSTRAINT "user_roles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."user_roles" ADD CONSTRAINT "user_roles_user_id_organization_id_fkey" FOREIGN KEY ("user_id", "organization_id") REFERENCES "identity"."organization_members"("user_id", "organization_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."user_roles" ADD CONSTRAINT "user_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "identity"."roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."user_roles" ADD CONSTRAINT "user_roles_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."sessions" ADD CONSTRAINT "sessions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."delegations" ADD CONSTRAINT "delegations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."delegations" ADD CONSTRAINT "delegations_from_user_id_fkey" FOREIGN KEY ("from_user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."delegations" ADD CONSTRAINT "delegations_to_user_id_fkey" FOREIGN KEY ("to_user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."delegations" ADD CONSTRAINT "delegations_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."social_accounts" ADD CONSTRAINT "social_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."api_clients" ADD CONSTRAINT "api_clients_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."api_clients" ADD CONSTRAINT "api_clients_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."one_time_tokens" ADD CONSTRAINT "one_time_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."mfa_recovery_codes" ADD CONSTRAINT "mfa_recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."invitations" ADD CONSTRAINT "invitations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."invitations" ADD CONSTRAINT "invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity"."invitations" ADD CONSTRAINT "invitations_accepted_user_id_fkey" FOREIGN KEY ("accepted_user_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."buildings" ADD CONSTRAINT "buildings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."entrances" ADD CONSTRAINT "entrances_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."entrances" ADD CONSTRAINT "entrances_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."units" ADD CONSTRAINT "units_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."units" ADD CONSTRAINT "units_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."units" ADD CONSTRAINT "units_entrance_id_fkey" FOREIGN KEY ("entrance_id") REFERENCES "property"."entrances"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."unit_ownerships" ADD CONSTRAINT "unit_ownerships_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."unit_ownerships" ADD CONSTRAINT "unit_ownerships_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."unit_ownerships" ADD CONSTRAINT "unit_ownerships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."unit_occupancies" ADD CONSTRAINT "unit_occupancies_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."unit_occupancies" ADD CONSTRAINT "unit_occupancies_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."unit_occupancies" ADD CONSTRAINT "unit_occupancies_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."faults" ADD CONSTRAINT "faults_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."faults" ADD CONSTRAINT "faults_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."faults" ADD CONSTRAINT "faults_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."faults" ADD CONSTRAINT "faults_entrance_id_fkey" FOREIGN KEY ("entrance_id") REFERENCES "property"."entrances"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."faults" ADD CONSTRAINT "faults_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."faults" ADD CONSTRAINT "faults_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_communications" ADD CONSTRAINT "fault_communications_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_communications" ADD CONSTRAINT "fault_communications_fault_id_fkey" FOREIGN KEY ("fault_id") REFERENCES "property"."faults"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_communications" ADD CONSTRAINT "fault_communications_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_status_history" ADD CONSTRAINT "fault_status_history_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_status_history" ADD CONSTRAINT "fault_status_history_fault_id_fkey" FOREIGN KEY ("fault_id") REFERENCES "property"."faults"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_status_history" ADD CONSTRAINT "fault_status_history_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_attachments" ADD CONSTRAINT "fault_attachments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_attachments" ADD CONSTRAINT "fault_attachments_fault_id_fkey" FOREIGN KEY ("fault_id") REFERENCES "property"."faults"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."fault_attachments" ADD CONSTRAINT "fault_attachments_file_upload_id_fkey" FOREIGN KEY ("file_upload_id") REFERENCES "property"."file_uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcements" ADD CONSTRAINT "announcements_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcements" ADD CONSTRAINT "announcements_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcements" ADD CONSTRAINT "announcements_entrance_id_fkey" FOREIGN KEY ("entrance_id") REFERENCES "property"."entrances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcements" ADD CONSTRAINT "announcements_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcement_comments" ADD CONSTRAINT "announcement_comments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcement_comments" ADD CONSTRAINT "announcement_comments_announcement_id_fkey" FOREIGN KEY ("announcement_id") REFERENCES "property"."announcements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcement_comments" ADD CONSTRAINT "announcement_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcement_reads" ADD CONSTRAINT "announcement_reads_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcement_reads" ADD CONSTRAINT "announcement_reads_announcement_id_fkey" FOREIGN KEY ("announcement_id") REFERENCES "property"."announcements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."announcement_reads" ADD CONSTRAINT "announcement_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."votes" ADD CONSTRAINT "votes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."votes" ADD CONSTRAINT "votes_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."votes" ADD CONSTRAINT "votes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_options" ADD CONSTRAINT "vote_options_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_options" ADD CONSTRAINT "vote_options_vote_id_fkey" FOREIGN KEY ("vote_id") REFERENCES "property"."votes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_eligible_units" ADD CONSTRAINT "vote_eligible_units_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_eligible_units" ADD CONSTRAINT "vote_eligible_units_vote_id_fkey" FOREIGN KEY ("vote_id") REFERENCES "property"."votes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_eligible_units" ADD CONSTRAINT "vote_eligible_units_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_eligible_voters" ADD CONSTRAINT "vote_eligible_voters_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_eligible_voters" ADD CONSTRAINT "vote_eligible_voters_vote_id_unit_id_fkey" FOREIGN KEY ("vote_id", "unit_id") REFERENCES "property"."vote_eligible_units"("vote_id", "unit_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_eligible_voters" ADD CONSTRAINT "vote_eligible_voters_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballots" ADD CONSTRAINT "ballots_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballots" ADD CONSTRAINT "ballots_vote_id_fkey" FOREIGN KEY ("vote_id") REFERENCES "property"."votes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballots" ADD CONSTRAINT "ballots_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballots" ADD CONSTRAINT "ballots_vote_id_unit_id_fkey" FOREIGN KEY ("vote_id", "unit_id") REFERENCES "property"."vote_eligible_units"("vote_id", "unit_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballots" ADD CONSTRAINT "ballots_cast_by_id_fkey" FOREIGN KEY ("cast_by_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballots" ADD CONSTRAINT "ballots_on_behalf_of_id_fkey" FOREIGN KEY ("on_behalf_of_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballots" ADD CONSTRAINT "ballots_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "identity"."delegations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballot_choices" ADD CONSTRAINT "ballot_choices_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballot_choices" ADD CONSTRAINT "ballot_choices_ballot_id_fkey" FOREIGN KEY ("ballot_id") REFERENCES "property"."ballots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballot_choices" ADD CONSTRAINT "ballot_choices_vote_id_fkey" FOREIGN KEY ("vote_id") REFERENCES "property"."votes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballot_choices" ADD CONSTRAINT "ballot_choices_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "property"."vote_options"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_comments" ADD CONSTRAINT "vote_comments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_comments" ADD CONSTRAINT "vote_comments_vote_id_fkey" FOREIGN KEY ("vote_id") REFERENCES "property"."votes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."vote_comments" ADD CONSTRAINT "vote_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."conversations" ADD CONSTRAINT "conversations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."conversations" ADD CONSTRAINT "conversations_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."conversations" ADD CONSTRAINT "conversations_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."conversation_participants" ADD CONSTRAINT "conversation_participants_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."conversation_participants" ADD CONSTRAINT "conversation_participants_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "property"."conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."conversation_participants" ADD CONSTRAINT "conversation_participants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."conversation_participants" ADD CONSTRAINT "conversation_participants_last_read_message_id_fkey" FOREIGN KEY ("last_read_message_id") REFERENCES "property"."messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."messages" ADD CONSTRAINT "messages_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "property"."conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."messages" ADD CONSTRAINT "messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."message_attachments" ADD CONSTRAINT "message_attachments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."message_attachments" ADD CONSTRAINT "message_attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "property"."messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."message_attachments" ADD CONSTRAINT "message_attachments_file_upload_id_fkey" FOREIGN KEY ("file_upload_id") REFERENCES "property"."file_uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_folders" ADD CONSTRAINT "document_folders_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_folders" ADD CONSTRAINT "document_folders_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "property"."document_folders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_folders" ADD CONSTRAINT "document_folders_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_folders" ADD CONSTRAINT "document_folders_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."documents" ADD CONSTRAINT "documents_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."documents" ADD CONSTRAINT "documents_folder_id_fkey" FOREIGN KEY ("folder_id") REFERENCES "property"."document_folders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."documents" ADD CONSTRAINT "documents_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."documents" ADD CONSTRAINT "documents_current_version_id_fkey" FOREIGN KEY ("current_version_id") REFERENCES "property"."document_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."documents" ADD CONSTRAINT "documents_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_versions" ADD CONSTRAINT "document_versions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_versions" ADD CONSTRAINT "document_versions_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "property"."documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_versions" ADD CONSTRAINT "document_versions_file_upload_id_fkey" FOREIGN KEY ("file_upload_id") REFERENCES "property"."file_uploads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_versions" ADD CONSTRAINT "document_versions_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_shares" ADD CONSTRAINT "document_shares_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_shares" ADD CONSTRAINT "document_shares_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "property"."documents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_shares" ADD CONSTRAINT "document_shares_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_shares" ADD CONSTRAINT "document_shares_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."document_shares" ADD CONSTRAINT "document_shares_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."file_uploads" ADD CONSTRAINT "file_uploads_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."file_uploads" ADD CONSTRAINT "file_uploads_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "identity"."users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meters" ADD CONSTRAINT "meters_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meters" ADD CONSTRAINT "meters_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meters" ADD CONSTRAINT "meters_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_readings" ADD CONSTRAINT "meter_readings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_readings" ADD CONSTRAINT "meter_readings_meter_id_fkey" FOREIGN KEY ("meter_id") REFERENCES "property"."meters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_readings" ADD CONSTRAINT "meter_readings_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."meter_readings" ADD CONSTRAINT "meter_readings_verified_by_id_fkey" FOREIGN KEY ("verified_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."person_months" ADD CONSTRAINT "person_months_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."person_months" ADD CONSTRAINT "person_months_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."person_months" ADD CONSTRAINT "person_months_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_accounts" ADD CONSTRAINT "financial_accounts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_accounts" ADD CONSTRAINT "financial_accounts_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_accounts" ADD CONSTRAINT "financial_accounts_building_id_fkey" FOREIGN KEY ("building_id") REFERENCES "property"."buildings"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."invoices" ADD CONSTRAINT "invoices_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."invoices" ADD CONSTRAINT "invoices_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "property"."financial_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."invoices" ADD CONSTRAINT "invoices_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."invoice_items" ADD CONSTRAINT "invoice_items_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."invoice_items" ADD CONSTRAINT "invoice_items_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "property"."invoices"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."payments" ADD CONSTRAINT "payments_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."payments" ADD CONSTRAINT "payments_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "property"."invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."payments" ADD CONSTRAINT "payments_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "property"."financial_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."payments" ADD CONSTRAINT "payments_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "identity"."users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_transactions" ADD CONSTRAINT "financial_transactions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_transactions" ADD CONSTRAINT "financial_transactions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "property"."financial_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_transactions" ADD CONSTRAINT "financial_transactions_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "property"."invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."financial_transactions" ADD CONSTRAINT "financial_transactions_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "property"."payments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."reservations" ADD CONSTRAINT "reservations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."reservations" ADD CONSTRAINT "reservations_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "property"."units"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."guests" ADD CONSTRAINT "guests_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."guests" ADD CONSTRAINT "guests_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "property"."reservations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."police_registrations" ADD CONSTRAINT "police_registrations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."police_registrations" ADD CONSTRAINT "police_registrations_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "property"."reservations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."police_registrations" ADD CONSTRAINT "police_registrations_guest_id_fkey" FOREIGN KEY ("guest_id") REFERENCES "property"."guests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."notifications" ADD CONSTRAINT "notifications_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."notification_preferences" ADD CONSTRAINT "notification_preferences_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."device_tokens" ADD CONSTRAINT "device_tokens_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."device_tokens" ADD CONSTRAINT "device_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listings" ADD CONSTRAINT "listings_realtor_id_fkey" FOREIGN KEY ("realtor_id") REFERENCES "reality"."realtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listings" ADD CONSTRAINT "listings_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "reality"."agencies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listings" ADD CONSTRAINT "listings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listing_photos" ADD CONSTRAINT "listing_photos_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "reality"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listing_price_history" ADD CONSTRAINT "listing_price_history_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "reality"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listing_price_history" ADD CONSTRAINT "listing_price_history_changed_by_realtor_id_fkey" FOREIGN KEY ("changed_by_realtor_id") REFERENCES "reality"."realtors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listing_price_history" ADD CONSTRAINT "listing_price_history_import_run_id_fkey" FOREIGN KEY ("import_run_id") REFERENCES "reality"."import_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."agency_realtors" ADD CONSTRAINT "agency_realtors_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "reality"."agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."agency_realtors" ADD CONSTRAINT "agency_realtors_realtor_id_fkey" FOREIGN KEY ("realtor_id") REFERENCES "reality"."realtors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."realtors" ADD CONSTRAINT "realtors_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."realtor_licenses" ADD CONSTRAINT "realtor_licenses_realtor_id_fkey" FOREIGN KEY ("realtor_id") REFERENCES "reality"."realtors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."portal_sessions" ADD CONSTRAINT "portal_sessions_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."portal_social_accounts" ADD CONSTRAINT "portal_social_accounts_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."portal_one_time_tokens" ADD CONSTRAINT "portal_one_time_tokens_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."favorites" ADD CONSTRAINT "favorites_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."favorites" ADD CONSTRAINT "favorites_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "reality"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."saved_searches" ADD CONSTRAINT "saved_searches_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."inquiries" ADD CONSTRAINT "inquiries_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "reality"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."inquiries" ADD CONSTRAINT "inquiries_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."inquiry_responses" ADD CONSTRAINT "inquiry_responses_inquiry_id_fkey" FOREIGN KEY ("inquiry_id") REFERENCES "reality"."inquiries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."inquiry_responses" ADD CONSTRAINT "inquiry_responses_realtor_id_fkey" FOREIGN KEY ("realtor_id") REFERENCES "reality"."realtors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."viewings" ADD CONSTRAINT "viewings_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "reality"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."viewings" ADD CONSTRAINT "viewings_portal_user_id_fkey" FOREIGN KEY ("portal_user_id") REFERENCES "reality"."portal_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."viewings" ADD CONSTRAINT "viewings_realtor_id_fkey" FOREIGN KEY ("realtor_id") REFERENCES "reality"."realtors"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."property_imports" ADD CONSTRAINT "property_imports_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "reality"."agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."import_runs" ADD CONSTRAINT "import_runs_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "reality"."property_imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."import_runs" ADD CONSTRAINT "import_runs_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "reality"."agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listing_stats_daily" ADD CONSTRAINT "listing_stats_daily_listing_id_fkey" FOREIGN KEY ("listing_id") REFERENCES "reality"."listings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reality"."listing_stats_daily" ADD CONSTRAINT "listing_stats_daily_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "reality"."agencies"("id") ON DELETE SET NULL ON UPDATE CASCADE;
