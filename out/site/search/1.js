dgSearchShard("1", [
["12th Summit of the BDF","Event","event/21/12th-summit-of-the-bdf.html"],
["August Coup","Event","event/b2/august-coup.html"],
["Agreement of Friendship, Cooperation and Mutual Assistance","Treaty","treaty/36/agreement-of-friendship-cooperation-and-mutual-assistance.html"]
], [
["12th-summit-of-the-bdf","12th Summit of the BDF",0,0],
["1991-soviet-coup-attempt","1991 Soviet coup attempt",1,0],
["1991-soviet-coup-d-etat-attempt","1991 Soviet coup d'état attempt",1,0],
["1991-coup","August 1991 coup",1,7],
["1948","Finno-Soviet Treaty of 1948",2,23]
]);
