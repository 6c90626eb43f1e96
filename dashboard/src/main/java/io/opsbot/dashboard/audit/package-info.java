/** The audit log page: every change from chat and the dashboard, newest first, for admins. */
package io.opsbot.dashboard.audit;
