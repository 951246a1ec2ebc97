// Common English given-name nicknames and short forms, mapped to one canonical form each.
const GROUPS: string[][] = [
  ["alexander", "alex", "alec", "sandy", "xander"],
  ["alexandra", "alexa", "lexi", "lexie", "sasha"],
  ["amelia", "millie", "milly", "amy", "mia"],
  ["andrew", "andy", "drew"],
  ["anthony", "tony", "ant"],
  ["benjamin", "ben", "benji", "benny"],
  ["catherine", "katherine", "kathryn", "cathy", "kathy", "kate", "katie", "kat", "cat"],
  ["charles", "charlie", "chas", "chuck"],
  ["charlotte", "lottie", "charli"],
  ["christopher", "chris", "kit"],
  ["daniel", "dan", "danny"],
  ["david", "dave", "davey"],
  ["edward", "ed", "eddie", "ted", "teddy", "ned"],
  ["elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "libby", "bess", "ellie"],
  ["eleanor", "ella", "nell", "nellie", "nora"],
  ["frederick", "fred", "freddie", "freddy"],
  ["gabriel", "gabe"],
  ["harold", "harry", "hal"],
  ["henry", "hank"],
  ["isabella", "isabelle", "isabel", "bella", "izzy", "issy"],
  ["jacob", "jake", "jakey"],
  ["james", "jim", "jimmy", "jamie"],
  ["jennifer", "jen", "jenny"],
  ["jessica", "jess", "jessie"],
  ["john", "jack", "johnny", "jon"],
  ["jonathan", "jonny", "jono"],
  ["joseph", "joe", "joey"],
  ["joshua", "josh"],
  ["leonardo", "leo", "leon"],
  ["margaret", "maggie", "meg", "peggy", "madge"],
  ["matthew", "matt", "matty"],
  ["michael", "mike", "mikey", "mick", "micky"],
  ["nathan", "nathaniel", "nate", "nat"],
  ["nicholas", "nick", "nicky"],
  ["oliver", "ollie", "olly"],
  ["olivia", "liv", "livvy"],
  ["patrick", "pat", "paddy"],
  ["rebecca", "becky", "becca"],
  ["richard", "rich", "rick", "ricky", "dick"],
  ["robert", "rob", "robbie", "bob", "bobby", "bert"],
  ["samuel", "sam", "sammy"],
  ["samantha", "sammie"],
  ["sophia", "sophie", "soph"],
  ["stephen", "steven", "steve", "stevie"],
  ["theodore", "theo"],
  ["thomas", "tom", "tommy"],
  ["victoria", "vicky", "tori"],
  ["william", "will", "bill", "billy", "liam", "willy"],
  ["zachary", "zach", "zack"],
];

const CANONICAL = new Map<string, string>();
for (const group of GROUPS) {
  for (const name of group) if (!CANONICAL.has(name)) CANONICAL.set(name, group[0]!);
}

function plain(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

/** The canonical form of a given name ("Bill" → "william"); unknown names come back normalised. */
export function canonicalGivenName(name: string): string {
  const p = plain(name);
  return CANONICAL.get(p) ?? p;
}

/** True when two different given names are known forms of the same name. */
export function areNicknames(a: string, b: string): boolean {
  const pa = plain(a);
  const pb = plain(b);
  if (pa === "" || pb === "" || pa === pb) return false;
  return canonicalGivenName(pa) === canonicalGivenName(pb);
}
