package dedup

// Invented news-style texts for the tests. People, places and events are
// fictional; none of this text comes from a real article.

// original is the source report.
const original = `U.S. and Russia agree to resume arms talks at Korvala summit

The United States and Russia agreed on Tuesday to resume formal talks on limiting medium-range missiles, ending a freeze that had lasted almost three years, officials said after a two-day summit in the lakeside town of Korvala.

U.S. Secretary of State Miriam Oduya and Russian Foreign Minister Pavel Granin said negotiators would meet in Geneva next month to draft a framework for verification visits. "We did not solve everything, but we stopped digging," Oduya told reporters outside the conference hall.

Granin said Moscow was ready to discuss limits on launchers stationed in Europe if Washington addressed Russian concerns about missile defence sites in Poland and Romania. He described the atmosphere as businesslike and said the two sides had agreed to restore a hotline between their military staffs.

The summit was hosted by mediators from the neutral republic of Vesland, whose president, Aino Tallqvist, has offered her country as a venue for further rounds. Diplomats said the breakthrough came late on Monday, after a private dinner at which the two ministers spoke for nearly four hours without aides.

Critics in both capitals were cautious. Senator Raymond Hale, a Republican member of the armed services committee, said any deal must include short-range weapons, while a Russian lawmaker, Oleg Vasnin, warned that Washington had broken promises before.

Arms control experts said the agreement was modest but significant. "The most important thing is that the channels are open again," said Lena Morrow, a researcher at the Institute for Strategic Stability in London. The next round is expected to begin on 14 March.`

// syndicated is the same body republished by another outlet with its own
// headline, byline and page furniture.
const syndicated = `Washington and Moscow to restart missile negotiations

By Staff Reporter, Northern Wire Service
Published 11:42 GMT

Share

The United States and Russia agreed on Tuesday to resume formal talks on limiting medium-range missiles, ending a freeze that had lasted almost three years, officials said after a two-day summit in the lakeside town of Korvala.

U.S. Secretary of State Miriam Oduya and Russian Foreign Minister Pavel Granin said negotiators would meet in Geneva next month to draft a framework for verification visits. “We did not solve everything, but we stopped digging,” Oduya told reporters outside the conference hall.

Advertisement

Granin said Moscow was ready to discuss limits on launchers stationed in Europe if Washington addressed Russian concerns about missile defence sites in Poland and Romania. He described the atmosphere as businesslike and said the two sides had agreed to restore a hotline between their military staffs.

The summit was hosted by mediators from the neutral republic of Vesland, whose president, Aino Tallqvist, has offered her country as a venue for further rounds. Diplomats said the breakthrough came late on Monday, after a private dinner at which the two ministers spoke for nearly four hours without aides.

Critics in both capitals were cautious. Senator Raymond Hale, a Republican member of the armed services committee, said any deal must include short-range weapons, while a Russian lawmaker, Oleg Vasnin, warned that Washington had broken promises before.

Arms control experts said the agreement was modest but significant. “The most important thing is that the channels are open again,” said Lena Morrow, a researcher at the Institute for Strategic Stability in London. The next round is expected to begin on 14 March.

Read more: Vesland offers to host further rounds
Share this article
Advertisement`

// spun is a content-farm rewrite of original: synonym swaps on roughly a
// fifth of the words, the Vesland paragraph dropped, one sentence moved to
// a different place, boilerplate lines inserted.
const spun = `Share

USA and Russian Federation consent to restart weapons talks at Korvala summit

The USA and Russian Federation agreed on Tuesday to restart official talks on limiting intermediate-range missiles, ending a freeze that had lasted nearly three years, officials stated after a two-day summit in the lakeside town of Korvala.

"We did not solve everything, but we stopped digging," Oduya told journalists outside the conference hall. USA Secretary of State Miriam Oduya and Russian Federation Foreign Minister Pavel Granin stated negotiators would gather in Geneva next month to draft a framework for verification visits.

Advertisement

Granin stated Moscow was prepared to discuss limits on launchers deployed in Europe if Washington addressed Russian worries about missile defense sites in Poland and Romania. He characterised the mood as businesslike and stated the two sides had agreed to restore a hotline between their military staffs.

Critics in both capitals were wary. Senator Raymond Hale, a Republican member of the armed services panel, stated any agreement must cover short-range weapons, while a Russian legislator, Oleg Vasnin, cautioned that Washington had broken pledges before.

Arms control specialists stated the deal was modest but important. "The most important thing is that the channels are open again," stated Lena Morrow, a researcher at the Institute for Strategic Stability in London. The next round is expected to start on 14 March.

Advertisement
Share`

// sameTopic is a different report on the same summit: same people, same
// place, mostly different sentences.
const sameTopic = `Protests and a late dinner: inside the Korvala summit

Hundreds of demonstrators gathered near the harbour in Korvala on Monday as U.S. Secretary of State Miriam Oduya and Russian Foreign Minister Pavel Granin arrived for two days of talks on medium-range missiles. Police in Vesland kept the crowd behind barriers several streets from the conference hall.

The meeting was the first between the two ministers since arms control talks collapsed almost three years ago. Oduya's delegation flew in from Brussels after a NATO briefing, while Granin travelled overnight from Moscow and, according to aides, slept for less than two hours.

Vesland's president, Aino Tallqvist, greeted both ministers at the old customs house and urged them to "leave the past on the quay". Her government has spent months preparing the venue and paid for the security operation.

Most of the progress, according to officials from both delegations, came over dinner on Monday evening. A Russian diplomat said the ministers sent their staff away and talked about verification, missile defence and the hotline between their militaries.

By Tuesday afternoon the mood had lifted. Oduya smiled as she left the hall, and Granin joked with Vesland reporters in English. Neither took questions about the missiles themselves.

In Washington, Senator Raymond Hale said he would wait to see written proposals, and in Moscow the lawmaker Oleg Vasnin called the meeting a test of American sincerity. Talks are due to continue in Geneva in March.`

// secondStory is an unrelated article used for negative controls.
const secondStory = `Port workers end strike after pay deal in Dunmarra

Dock workers in the northern port of Dunmarra returned to work on Friday after their union accepted a pay offer worth four percent over two years, ending a stoppage that had left container ships waiting offshore for nine days.

The harbour authority said it expected the backlog to clear by the end of next week. Local shopkeepers complained that shortages of fresh fruit and building materials had hurt their trade.`
