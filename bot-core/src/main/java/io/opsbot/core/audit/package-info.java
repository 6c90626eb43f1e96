/**
 * The audit log: who changed what shared data, when, from where, in which tenant, and from what to what. Every admin,
 * manager and triage change is appended here by the service that makes it; admins read it newest first.
 */
package io.opsbot.core.audit;
