export { t, messagesLocale, useMessages, type ChromeMessages } from './translate';
export {
  LANGUAGES,
  type Language,
  type LanguageChoice,
  isLanguageChoice,
  mirroredLanguageChoice,
  storedLanguageChoice,
  applyLanguageChoice,
  appliedLanguageChoice,
  saveLanguageChoice,
  followLanguageChoice,
  packagedMessages,
  type MessagesLoader,
} from './language';
