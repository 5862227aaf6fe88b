// The advice the result gives, as step ids. No DOM here: the browser tests read it too.

/**
 * The steps of each advice (i18n.js has each step's words as `step_<id>`), most urgent first:
 * the first three are the ones shown at the top of the result. Steps shared by several advices
 * have one id, so a result with two categories lists each step once.
 */
export const ADVICE = {
  grooming: ["noMeet", "noPics", "evidence", "blockReport", "trustFeeling", "talk"],
  sextortion: ["noPay", "evidence", "blockReport", "stopReplying", "talk"],
  sextortion_scam_mail: ["bluff", "noPayNoAnswer", "password", "reportMail", "deleteMail", "talk"],
  exploitation: ["noDebt", "noMeetFriends", "evidence", "noJobs", "blockReport", "talk"],
  exposure: ["noForward", "evidence", "reportRemove", "takeDown", "talk"],
};
