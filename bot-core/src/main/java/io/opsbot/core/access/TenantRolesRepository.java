package io.opsbot.core.access;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads a tenant's roles. Read-only on purpose: a whole-document save would overwrite the tenant's settings. */
interface TenantRolesRepository extends Repository<TenantRoles, String> {

    Optional<TenantRoles> findById(String tenantKey);
}
