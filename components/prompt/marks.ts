/** Performance marks (read by `npm run bench`): the prompt shown to the trader, Approve became active. */
export const SHOWN_MARK = 'aster-companion:prompt-shown';
export const ACTIVE_MARK = 'aster-companion:approve-active';
