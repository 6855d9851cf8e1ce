// The SMTP channel is the kit's (both subgraphs' workers send mail): see @ppt/server-kit/mail/smtp.
export { EmailChannel, smtpConfigFromEnv, type SmtpConfig } from "@ppt/server-kit/mail/smtp";
