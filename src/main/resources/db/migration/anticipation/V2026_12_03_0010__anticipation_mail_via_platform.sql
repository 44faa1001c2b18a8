-- Each action's e-mail is a platform_mail row keyed 'anticipation:log:<log id>' (unique business key, written in the
-- action's transaction); the module's own copy of it is gone.
drop table anticipation_mail;
