-- AlterEnum
ALTER TYPE "property"."VoteMatterType" ADD VALUE 'ABSOLUTE_MAJORITY';
