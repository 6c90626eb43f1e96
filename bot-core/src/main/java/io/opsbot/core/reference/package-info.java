/** The numbers people use for records (FB-12, O-2, KR-3, TR-1, AN-4): one type, read and written one way. */
package io.opsbot.core.reference;
